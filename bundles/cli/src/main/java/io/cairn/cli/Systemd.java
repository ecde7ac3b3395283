package io.cairn.cli;

import java.io.IOException;

/**
 * Tells systemd ({@code Type=notify}) that the agent is serving. The JDK cannot send a unix
 * datagram, so this runs {@code systemd-notify} for the agent's pid; the unit files set
 * {@code NotifyAccess=all} so systemd accepts it from the helper.
 */
final class Systemd {

    private Systemd() {
    }

    static void notifyReady() {
        notify("--ready");
    }

    private static void notify(String state) {
        if (System.getenv("NOTIFY_SOCKET") == null) {
            return;
        }
        try {
            new ProcessBuilder("systemd-notify", state, "--pid=" + ProcessHandle.current().pid())
                    .inheritIO().start().waitFor();
        } catch (IOException e) {
            System.err.println("==> Could not notify systemd: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
