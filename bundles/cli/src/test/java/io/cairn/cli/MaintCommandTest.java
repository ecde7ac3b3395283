package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code cairn maint} without flags lists what is in maintenance as {@code consul maint} does. */
class MaintCommandTest {

    @Test
    void listsTheNodeAndServicesInMaintenanceOnly() throws Exception {
        var checks = AgentClient.JSON.readTree("""
                {"serfHealth": {"CheckID": "serfHealth", "Notes": "", "ServiceID": ""},
                 "_node_maintenance": {"CheckID": "_node_maintenance", "Notes": "patching", "ServiceID": ""},
                 "_service_maintenance:web": {"CheckID": "_service_maintenance:web", "Notes": "broken", "ServiceID": "web"}}
                """);

        assertThat(MaintCommand.listing("node1", checks)).isEqualTo("""
                Node:
                  Name:   node1
                  Reason: patching

                Service:
                  ID:     web
                  Reason: broken

                """);
    }

    @Test
    void nothingInMaintenancePrintsNothing() throws Exception {
        assertThat(MaintCommand.listing("node1", AgentClient.JSON.readTree("{}"))).isEmpty();
    }
}
