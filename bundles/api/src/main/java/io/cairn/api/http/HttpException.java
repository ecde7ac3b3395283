package io.cairn.api.http;

/**
 * A client-visible failure: its status and a Consul-style message sent as {@code text/plain}
 * (for example 400 {@code Missing key name}, 404 {@code Session id 'x' not found}).
 */
public class HttpException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;

    public HttpException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static HttpException badRequest(String message) {
        return new HttpException(400, message);
    }

    public static HttpException notFound(String message) {
        return new HttpException(404, message);
    }
}
