package io.cairn.membership.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.cairn.api.membership.Membership;
import io.cairn.format.MembersOutput;

/** {@code cairn:members}: the pool as {@code cairn members} prints it, from this agent's membership. */
@Service
@Command(scope = "cairn", name = "members", description = "Lists the members of a Cairn cluster")
public class MembersCommand implements Action {

    @Reference
    Membership membership;

    @Option(name = "-detailed", description = "Show each member's tags")
    boolean detailed;

    @Option(name = "-wan", description = "List the WAN pool (servers only)")
    boolean wan;

    @Option(name = "-status", description = "Only members whose status matches this regular expression")
    String status;

    @Override
    public Object execute() {
        List<MembersOutput.Row> rows = membership.members(wan).stream().map(MembersOutput.Row::of).toList();
        if (status != null) {
            rows = MembersOutput.withStatus(rows, status);
        }
        if (!rows.isEmpty()) {
            System.out.print(detailed ? MembersOutput.detailedTable(rows) : MembersOutput.table(rows));
        }
        return null;
    }
}
