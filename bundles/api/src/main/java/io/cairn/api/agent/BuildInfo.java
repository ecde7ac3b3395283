package io.cairn.api.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The build of this Cairn: its own version, and the Consul version whose HTTP API, DNS and
 * CLI it answers as (reported where Consul reports its version, so clients that gate
 * features on it behave as with that Consul).
 *
 * @param version             Cairn's version, e.g. {@code 0.1.0}
 * @param consulVersion       the Consul version spoken, e.g. {@code 1.22.0}
 * @param revision            the source revision, or {@code unknown}
 * @param buildDate           RFC 3339 build time
 * @param protocol            the membership protocol version spoken by default
 */
public record BuildInfo(String version, String consulVersion, String revision, String buildDate, int protocol) {

    private static final BuildInfo CURRENT = load();

    public static BuildInfo current() {
        return CURRENT;
    }

    private static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BuildInfo(
                p.getProperty("version", "0.0.0").replace("-SNAPSHOT", "-dev"),
                p.getProperty("consulVersion", "1.22.0"),
                p.getProperty("revision", "unknown"),
                p.getProperty("buildDate", "1970-01-01T00:00:00Z"),
                2);
    }
}
