package io.cairn.api.tls;

/** TLS material could not be loaded or used; the message says which file and why. */
public class TlsException extends Exception {
    private static final long serialVersionUID = 1L;

    public TlsException(String message) {
        super(message);
    }

    public TlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
