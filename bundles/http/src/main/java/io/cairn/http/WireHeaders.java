package io.cairn.http;

import java.util.Map;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;

/**
 * The response headers of one cached answer as Jetty writes them, each field encoded to its
 * HTTP/1.1 bytes once: for the plain answer and, when first asked, the gzipped one. Every
 * request answered with the same bytes and the same headers (10,000 watchers woken at one
 * index) is given these fields as they are, instead of putting each header into its response
 * one by one (each put scans the fields already there) and having Jetty check every character
 * of every name and value again.
 */
final class WireHeaders {

    private final Map<String, String> headers;
    private final HttpFields plain;
    private volatile HttpFields gzipped;

    WireHeaders(Map<String, String> headers, int plainLength) {
        this.headers = Map.copyOf(headers);
        this.plain = encode(headers, plainLength, false);
    }

    /** Whether these are the fields of exactly {@code candidate} (same names, same values). */
    boolean encodes(Map<String, String> candidate) {
        return headers.equals(candidate);
    }

    HttpFields plain() {
        return plain;
    }

    /** The fields of the gzipped answer, {@code gzipLength} bytes long: encoded at the first call, then kept. */
    HttpFields gzipped(int gzipLength) {
        HttpFields fields = gzipped;
        if (fields == null) {
            fields = encode(headers, gzipLength, true);
            gzipped = fields;
        }
        return fields;
    }

    private static HttpFields encode(Map<String, String> headers, int length, boolean gzip) {
        HttpFields.Mutable fields = HttpFields.build(headers.size() + 3);
        headers.forEach((name, value) -> fields.add(field(name, value)));
        if (gzip) {
            fields.add(new PreEncodedHttpField(HttpHeader.CONTENT_ENCODING, "gzip"));
            fields.add(new PreEncodedHttpField(HttpHeader.VARY, "Accept-Encoding"));
        }
        fields.add(new PreEncodedHttpField(HttpHeader.CONTENT_LENGTH, length));
        return fields.asImmutable();
    }

    /** A known header keeps its enum (Jetty's generator looks some up by it), any other its name alone. */
    private static HttpField field(String name, String value) {
        return new PreEncodedHttpField(HttpHeader.CACHE.get(name), name, value);
    }
}
