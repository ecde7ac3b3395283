package io.cairn.cli;

import sun.misc.Signal;

/** SIGHUP reloads the configuration, as Consul's agent does. */
final class Signals {

    private Signals() {
    }

    static void onHangup(Runnable action) {
        Signal.handle(new Signal("HUP"), signal -> new Thread(action, "cairn-reload").start());
    }
}
