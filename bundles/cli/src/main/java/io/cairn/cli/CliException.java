package io.cairn.cli;

/** A command failed in a way the user can act on: the message is printed, the exit code is 1. */
public final class CliException extends Exception {
    private static final long serialVersionUID = 1L;

    public CliException(String message) {
        super(message);
    }
}
