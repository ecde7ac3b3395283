package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** What {@code cairn catalog nodes|services} print, from the agent's JSON. */
class CatalogCommandTest {

    private static JsonNode json(String text) throws Exception {
        return AgentClient.JSON.readTree(text);
    }

    @Test
    void nodesAreColumnsWithTheIdCutToEightCharacters() throws Exception {
        String table = CatalogCommand.nodesTable(json("""
                [{"ID":"9f2d0b8e-1c6a-4a8e-9a6b-2d2f3c4b5a6d","Node":"server-one","Address":"127.0.0.20","Datacenter":"dc1"},
                 {"ID":"","Node":"n2","Address":"10.0.0.2","Datacenter":"dc1"}]
                """));
        assertThat(table).isEqualTo("""
                Node        ID        Address     DC
                server-one  9f2d0b8e  127.0.0.20  dc1
                n2                    10.0.0.2    dc1
                """);
    }

    @Test
    void servicesOnePerLineSortedOrWithTheirTags() throws Exception {
        JsonNode services = json("{\"web\":[\"v2\",\"v1\"],\"consul\":[]}");
        assertThat(CatalogCommand.servicesList(services, false)).isEqualTo("consul\nweb\n");
        assertThat(CatalogCommand.servicesList(services, true)).isEqualTo("consul\nweb     v1,v2\n");
    }
}
