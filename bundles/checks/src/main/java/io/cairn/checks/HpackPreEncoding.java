package io.cairn.checks;

import java.lang.reflect.Field;
import java.util.Map;

import org.eclipse.jetty.http.HttpFieldPreEncoder;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.http2.hpack.HpackFieldPreEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes Jetty's HPACK encoder usable inside OSGi without SPI Fly.
 *
 * <p>Jetty's {@link PreEncodedHttpField} finds its per-version encoders with
 * {@code ServiceLoader} once, when the class is first used; in Karaf (no SPI Fly) it only gets
 * its HTTP/1.x fallbacks, and every HTTP/2 request then fails in {@code HpackEncoder}
 * ("Could not hpack encode", on the pre-encoded {@code :scheme}). This adds the HPACK
 * encoder to that table when it is missing, before the HPACK encoder's own pre-encoded
 * fields are built (the first HTTP/2 request). Outside OSGi, or with SPI Fly, it finds the
 * encoder present and does nothing. The proper fix is SPI Fly woven into jetty-http before
 * it loads (jetty-http declares the {@code osgi.serviceloader} requirements).
 */
final class HpackPreEncoding {

    private static final Logger LOG = LoggerFactory.getLogger(HpackPreEncoding.class);

    private HpackPreEncoding() {
    }

    /** True when HTTP/2 fields can be pre-encoded (already, or after adding the encoder). */
    static synchronized boolean ensure() {
        if (works()) {
            return true;
        }
        try {
            Field encoders = PreEncodedHttpField.class.getDeclaredField("__encoders");
            encoders.setAccessible(true);
            @SuppressWarnings("unchecked")
            Map<HttpVersion, HttpFieldPreEncoder> table = (Map<HttpVersion, HttpFieldPreEncoder>) encoders.get(null);
            table.putIfAbsent(HttpVersion.HTTP_2, new HpackFieldPreEncoder());
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("HTTP/2 requests of grpc checks cannot be encoded: Jetty's HPACK pre-encoder is not "
                    + "registered ({})", e.toString());
            return false;
        }
        return works();
    }

    private static boolean works() {
        try {
            return new PreEncodedHttpField(HttpHeader.TE, "trailers").getEncodedLength(HttpVersion.HTTP_2) > 0;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
