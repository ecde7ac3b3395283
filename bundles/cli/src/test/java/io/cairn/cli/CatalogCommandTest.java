package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.cairn.format.CatalogOutput;

/** What {@code cairn catalog nodes|services} read from the agent's JSON. */
class CatalogCommandTest {

    @Test
    void nodeRowsFromTheCatalogsNodes() throws Exception {
        assertThat(CatalogCommand.nodeRows(AgentClient.JSON.readTree("""
                [{"ID":"9f2d0b8e-1c6a","Node":"server-one","Address":"127.0.0.20","Datacenter":"dc1"},
                 {"Node":"n2","Address":"10.0.0.2","Datacenter":"dc1"}]
                """))).containsExactly(
                new CatalogOutput.NodeRow("server-one", "9f2d0b8e-1c6a", "127.0.0.20", "dc1"),
                new CatalogOutput.NodeRow("n2", "", "10.0.0.2", "dc1"));
    }

    @Test
    void servicesWithTheirTags() throws Exception {
        assertThat(CatalogCommand.services(AgentClient.JSON.readTree("{\"web\":[\"v2\",\"v1\"],\"consul\":[]}")))
                .containsEntry("web", List.of("v2", "v1")).containsEntry("consul", List.of());
    }
}
