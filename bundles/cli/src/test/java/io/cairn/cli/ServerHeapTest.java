package io.cairn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

import com.sun.management.HotSpotDiagnosticMXBean;

class ServerHeapTest {

    private final HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

    @Test
    void aClientsSqueezedHeapGetsTheDefaultRatiosOnAServer() {
        vm.setVMOption(ServerHeap.MIN_FREE, "10");
        vm.setVMOption(ServerHeap.MAX_FREE, "30");

        ServerHeap.widen();

        assertEquals("40", vm.getVMOption(ServerHeap.MIN_FREE).getValue());
        assertEquals("70", vm.getVMOption(ServerHeap.MAX_FREE).getValue());
    }

    @Test
    void higherRatiosAreKept() {
        vm.setVMOption(ServerHeap.MAX_FREE, "90");
        vm.setVMOption(ServerHeap.MIN_FREE, "50");

        ServerHeap.widen();

        assertEquals("50", vm.getVMOption(ServerHeap.MIN_FREE).getValue());
        assertEquals("90", vm.getVMOption(ServerHeap.MAX_FREE).getValue());
    }
}
