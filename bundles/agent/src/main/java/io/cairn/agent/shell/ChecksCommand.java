package io.cairn.agent.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.cairn.agent.LocalAgent;
import io.cairn.agent.LocalState;

/** {@code cairn:checks}: the checks this agent runs, with their status (what {@code /v1/agent/checks} holds). */
@Service
@Command(scope = "cairn", name = "checks", description = "Lists the checks registered on this agent")
public class ChecksCommand implements Action {

    @Reference
    LocalAgent agent;

    @Override
    public Object execute() {
        System.out.print(AgentTables.checks(agent.state().checks().values().stream().map(LocalState.CheckState::check).toList()));
        return null;
    }
}
