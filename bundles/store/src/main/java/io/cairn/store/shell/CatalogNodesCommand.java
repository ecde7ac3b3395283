package io.cairn.store.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.cairn.api.catalog.Catalog;
import io.cairn.format.CatalogOutput;

/** {@code cairn:catalog-nodes}: as {@code cairn catalog nodes} prints them. */
@Service
@Command(scope = "cairn", name = "catalog-nodes", description = "Lists all nodes in the datacenter")
public class CatalogNodesCommand implements Action {

    @Reference
    Catalog catalog;

    @Override
    public Object execute() throws Exception {
        List<CatalogOutput.NodeRow> nodes = Reads.await(catalog.nodes(Reads.NOW)).value().stream()
                .map(CatalogOutput.NodeRow::of).toList();
        if (nodes.isEmpty()) {
            System.err.println(CatalogOutput.NO_NODES);
            return null;
        }
        System.out.print(CatalogOutput.nodesTable(nodes));
        return null;
    }
}
