package io.cairn.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.cairn.api.agent.BuildInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn version}: Consul's four lines, or its JSON with {@code -format=json}. */
@Command(name = "version", description = "Prints the Cairn version")
final class VersionCommand implements Runnable {

    @Option(names = "-format", description = "Output format: pretty or json", defaultValue = "pretty")
    String format;

    @Override
    public void run() {
        BuildInfo b = BuildInfo.current();
        if (format.equals("json")) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("Version", b.version());
            json.put("Revision", b.revision());
            json.put("Prerelease", "");
            json.put("BuildDate", b.buildDate());
            json.put("ConsulVersion", b.consulVersion());
            json.put("RPC", Map.of("Default", b.protocol(), "Min", 2, "Max", 3));
            try {
                System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        System.out.println("Cairn v" + b.version() + " (Consul API " + b.consulVersion() + ")");
        System.out.println("Revision " + b.revision());
        System.out.println("Build Date " + b.buildDate());
        System.out.println("Protocol " + b.protocol() + " spoken by default, understands 2 to 3"
                + " (agent will automatically use protocol >2 when speaking to compatible agents)");
    }
}
