package io.cairn.plugins;

/** A plugin could not be installed, started or removed; the message says why, for the user. */
public class PluginException extends Exception {
    private static final long serialVersionUID = 1L;

    public PluginException(String message) {
        super(message);
    }

    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
