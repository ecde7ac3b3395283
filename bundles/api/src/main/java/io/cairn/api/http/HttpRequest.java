package io.cairn.api.http;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** A request as a route handler sees it; provided by the HTTP bundle. */
@ProviderType
public interface HttpRequest {

    String method();

    /** The decoded path, e.g. {@code /v1/kv/a/b}. */
    String path();

    /** For a prefix route, the decoded rest of the path after the prefix; otherwise "". */
    String suffix();

    /**
     * The query string as the client sent it, still percent-encoded and without the
     * {@code ?}; "" when there is none. What a request passed on to a server unchanged
     * (server RPC forwarding) carries.
     *
     * @since 1.1
     */
    // a default, so test doubles written against 1.0 still compile; the HTTP bundle's request overrides it
    default String rawQuery() {
        return "";
    }

    /** The common options, parsed and validated. */
    QueryOptions options();

    /** The first value of a query parameter; "" for a value-less one ({@code ?recurse}). */
    Optional<String> param(String name);

    /** Every value of a repeatable query parameter ({@code ?tag=a&tag=b}). */
    List<String> params(String name);

    /**
     * A boolean flag as Consul reads it: present without a value is true, otherwise the
     * value parsed like Go's {@code strconv.ParseBool} (1, t, true, 0, f, false, any case).
     *
     * @throws HttpException 400 when the value is not a boolean
     */
    boolean flag(String name) throws HttpException;

    Optional<String> header(String name);

    /** The raw body (already bounded by the server's size limit). */
    byte[] body();

    /**
     * The JSON body bound to a type, field names matched case-insensitively and with
     * snake_case accepted ({@code Name}, {@code name}, {@code enable_tag_override}).
     *
     * @throws HttpException 400 with the decoder's message when the body is not valid
     */
    <T> T bodyAs(Class<T> type) throws HttpException;

    /** The client's address, for per-client limits and logs. */
    String remoteAddress();
}
