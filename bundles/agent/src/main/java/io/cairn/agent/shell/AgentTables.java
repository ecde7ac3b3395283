package io.cairn.agent.shell;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import io.cairn.api.catalog.HealthCheck;
import io.cairn.api.catalog.Service;
import io.cairn.format.Columns;

/** The agent's local services and checks in Consul's column style, sorted by id. */
public final class AgentTables {

    private AgentTables() {
    }

    /** {@code ID  Service  Address  Port  Tags}. */
    public static String services(Collection<Service> services) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ID", "Service", "Address", "Port", "Tags"));
        services.stream().sorted(Comparator.comparing(Service::id)).forEach(s -> rows.add(List.of(s.id(), s.service(),
                s.address(), String.valueOf(s.port()), String.join(",", s.tags().stream().sorted().toList()))));
        return Columns.of(rows);
    }

    /** {@code CheckID  Name  Status  ServiceID  Output}; the output's first line only, so a row stays a line. */
    public static String checks(Collection<HealthCheck> checks) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("CheckID", "Name", "Status", "ServiceID", "Output"));
        checks.stream().sorted(Comparator.comparing(HealthCheck::checkId)).forEach(c -> rows.add(List.of(c.checkId(),
                c.name(), c.status().toString(), c.serviceId(), firstLine(c.output()))));
        return Columns.of(rows);
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.strip().lines().findFirst().orElse("");
    }
}
