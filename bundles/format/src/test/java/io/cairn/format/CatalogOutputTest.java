package io.cairn.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** {@code catalog nodes|services} in Consul's columns. */
class CatalogOutputTest {

    @Test
    void nodesAreColumnsWithTheIdCutToEightCharacters() {
        String table = CatalogOutput.nodesTable(List.of(
                new CatalogOutput.NodeRow("server-one", "9f2d0b8e-1c6a-4a8e-9a6b-2d2f3c4b5a6d", "127.0.0.20", "dc1"),
                new CatalogOutput.NodeRow("n2", "", "10.0.0.2", "dc1")));

        assertThat(table).isEqualTo("""
                Node        ID        Address     DC
                server-one  9f2d0b8e  127.0.0.20  dc1
                n2                    10.0.0.2    dc1
                """);
    }

    @Test
    void servicesOnePerLineSortedOrWithTheirTags() {
        Map<String, List<String>> services = new TreeMap<>(Map.of("web", List.of("v2", "v1"), "consul", List.of()));

        assertThat(CatalogOutput.servicesList(services, false)).isEqualTo("consul\nweb\n");
        assertThat(CatalogOutput.servicesList(services, true)).isEqualTo("consul\nweb     v1,v2\n");
    }
}
