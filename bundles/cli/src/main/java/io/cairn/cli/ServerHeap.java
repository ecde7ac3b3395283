package io.cairn.cli;

import java.lang.management.ManagementFactory;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * A server's heap may keep the JVM's usual free share. {@code bin/cairn} starts every agent with
 * a heap that gives memory back early (at most 30% free), which keeps a client agent beside every
 * application under 200 MB; a server under writes then runs a heap of 50-75 MB, collects its young
 * generation every half second and its whole heap for ~250 ms at a time (measured on followers),
 * stalling replication. Only the launcher knows the role (it may come from a config file), and
 * both ratios can be changed in a running JVM.
 */
final class ServerHeap {

    static final String MIN_FREE = "MinHeapFreeRatio";
    static final String MAX_FREE = "MaxHeapFreeRatio";
    /** The JVM's defaults. */
    static final int SERVER_MIN_FREE = 40;
    static final int SERVER_MAX_FREE = 70;

    private ServerHeap() {
    }

    /** Gives the heap the JVM's default free ratios; never lowers what was configured higher. */
    static void widen() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        // the maximum first: the JVM refuses a minimum above the maximum in force
        raise(vm, MAX_FREE, SERVER_MAX_FREE);
        raise(vm, MIN_FREE, SERVER_MIN_FREE);
    }

    private static void raise(HotSpotDiagnosticMXBean vm, String option, int value) {
        if (Integer.parseInt(vm.getVMOption(option).getValue()) < value) {
            vm.setVMOption(option, Integer.toString(value));
        }
    }
}
