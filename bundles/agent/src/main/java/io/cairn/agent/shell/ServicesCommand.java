package io.cairn.agent.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.cairn.agent.LocalAgent;

/** {@code cairn:services}: the services registered on this agent (what {@code /v1/agent/services} holds). */
@Service
@Command(scope = "cairn", name = "services", description = "Lists the services registered on this agent")
public class ServicesCommand implements Action {

    @Reference
    LocalAgent agent;

    @Override
    public Object execute() {
        System.out.print(AgentTables.services(agent.state().services().values()));
        return null;
    }
}
