package io.cairn.checks;

import static io.cairn.plugins.testkit.CheckDefinitions.check;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.cairn.api.catalog.Catalog;
import io.cairn.api.catalog.HealthCheck;
import io.cairn.api.catalog.HealthStatus;
import io.cairn.api.catalog.Node;
import io.cairn.api.catalog.NodeServices;
import io.cairn.api.catalog.Service;
import io.cairn.api.check.CheckResult;
import io.cairn.api.config.CheckDefinition;
import io.cairn.api.consensus.QueryResult;
import io.cairn.api.http.Consistency;
import io.cairn.api.http.QueryMeta;
import io.cairn.plugins.testkit.FakeCheckContext;

class AliasCheckTypeTest {

    private static HealthCheck catalogCheck(String id, String serviceId, HealthStatus status, String output) {
        return new HealthCheck("n1", id, id + " check", status, "", output, serviceId, "", List.of(), "", null, 1, 1);
    }

    @Test
    void theWorstOfTheNodeAndServiceChecksWinsAndOtherServicesAreIgnored() {
        List<HealthCheck> checks = List.of(
                catalogCheck("serfHealth", "", HealthStatus.PASSING, "alive"),
                catalogCheck("db", "db", HealthStatus.CRITICAL, "db down"),
                catalogCheck("web-slow", "web", HealthStatus.WARNING, "slow"),
                catalogCheck("web-ok", "web", HealthStatus.PASSING, "ok"));
        assertThat(AliasCheckType.aliased(checks, "n1", "web", true))
                .isEqualTo(CheckResult.warning("Aliased check \"web-slow check\" failing: slow"));
        assertThat(AliasCheckType.aliased(checks.subList(0, 1), "n1", "web", true))
                .isEqualTo(CheckResult.passing("All checks passing."));
        assertThat(AliasCheckType.aliased(List.of(catalogCheck("serfHealth", "", HealthStatus.CRITICAL, "gone")), "n1", "", true))
                .isEqualTo(CheckResult.critical("Aliased check \"serfHealth check\" failing: gone"));
    }

    @Test
    void aServiceWithoutChecksPassesIfRegisteredAndIsCriticalIfNot() {
        assertThat(AliasCheckType.aliased(List.of(), "n1", "web", true)).isEqualTo(CheckResult.passing("No checks found."));
        assertThat(AliasCheckType.aliased(List.of(), "n1", "web", false))
                .isEqualTo(CheckResult.critical("Service web could not be found on node n1"));
    }

    @Test
    void runReadsTheAliasedNodeFromTheCatalogAndDefaultsToTheLocalNode() throws Exception {
        Catalog catalog = fakeCatalog(Map.of("n1", List.of(catalogCheck("web-ok", "web", HealthStatus.CRITICAL, "502"))),
                Map.of("n1", List.of("web")));
        AliasCheckType type = new AliasCheckType(() -> Optional.of(catalog), () -> "n1");
        CheckDefinition local = check("alias").aliasService("web").build();
        assertThat(type.run(local, FakeCheckContext.of(local)).toCompletableFuture().get())
                .isEqualTo(CheckResult.critical("Aliased check \"web-ok check\" failing: 502"));
        CheckDefinition elsewhere = check("alias").aliasNode("n2").aliasService("web").build();
        assertThat(type.run(elsewhere, FakeCheckContext.of(elsewhere)).toCompletableFuture().get())
                .isEqualTo(CheckResult.critical("Service web could not be found on node n2"));
    }

    @Test
    void withoutACatalogTheCheckIsCritical() throws Exception {
        AliasCheckType type = new AliasCheckType(Optional::empty, () -> "n1");
        CheckDefinition c = check("alias").aliasService("web").build();
        assertThat(type.run(c, FakeCheckContext.of(c)).toCompletableFuture().get().status())
                .isEqualTo(HealthStatus.CRITICAL);
    }

    /** Only the ids matter to the alias type. */
    private static Map<String, Service> servicesById(List<String> ids) {
        Map<String, Service> byId = new HashMap<>();
        ids.forEach(id -> byId.put(id, null));
        return byId;
    }

    /** A catalog answering nodeChecks and node from maps; nothing else is called by the alias type. */
    private static Catalog fakeCatalog(Map<String, List<HealthCheck>> checks, Map<String, List<String>> services) {
        QueryMeta meta = new QueryMeta(1, true, 0, Consistency.DEFAULT);
        return (Catalog) Proxy.newProxyInstance(Catalog.class.getClassLoader(), new Class<?>[] {Catalog.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "nodeChecks" -> CompletableFuture.completedFuture(
                            new QueryResult<>(checks.getOrDefault((String) args[0], List.of()), meta));
                    case "node" -> CompletableFuture.completedFuture(new QueryResult<>(
                            Optional.ofNullable(services.get((String) args[0])).map(ids -> new NodeServices(
                                    new Node("", (String) args[0], "10.0.0.1", "dc1", Map.of(), Map.of(), 1, 1),
                                    servicesById(ids))),
                            meta));
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
