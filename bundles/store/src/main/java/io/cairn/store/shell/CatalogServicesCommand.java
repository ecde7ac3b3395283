package io.cairn.store.shell;

import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.cairn.api.catalog.Catalog;
import io.cairn.format.CatalogOutput;

/** {@code cairn:catalog-services [-tags]}: as {@code cairn catalog services} prints them. */
@Service
@Command(scope = "cairn", name = "catalog-services", description = "Lists all registered services in the datacenter")
public class CatalogServicesCommand implements Action {

    @Reference
    Catalog catalog;

    @Option(name = "-tags", description = "Show each service's tags beside it")
    boolean tags;

    @Override
    public Object execute() throws Exception {
        Map<String, List<String>> services = Reads.await(catalog.services(Reads.NOW)).value();
        if (services.isEmpty()) {
            System.err.println(CatalogOutput.NO_SERVICES);
            return null;
        }
        System.out.print(CatalogOutput.servicesList(services, tags));
        return null;
    }
}
