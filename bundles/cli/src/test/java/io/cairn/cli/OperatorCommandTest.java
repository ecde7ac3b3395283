package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.cairn.format.RaftOutput;

/** {@code cairn operator raft list-peers} joins the configuration with autopilot health's last indexes. */
class OperatorCommandTest {

    @Test
    void eachServerWithItsLastIndex() throws Exception {
        var peers = OperatorCommand.peers(AgentClient.JSON.readTree("""
                {"Servers":[
                  {"ID":"server1","Node":"server1","Address":"127.0.0.41:8300","Leader":true,"ProtocolVersion":"3","Voter":true},
                  {"ID":"server2","Node":"server2","Address":"127.0.0.42:8300","Leader":false,"ProtocolVersion":"3","Voter":false}],
                 "Index":12}
                """), AgentClient.JSON.readTree("""
                {"Healthy":true,"FailureTolerance":0,"Servers":[{"ID":"server1","LastIndex":120,"Leader":true}]}
                """));

        assertThat(peers).containsExactly(
                new RaftOutput.Peer("server1", "server1", "127.0.0.41:8300", true, true, "3", 120),
                new RaftOutput.Peer("server2", "server2", "127.0.0.42:8300", false, false, "3", 0));
    }
}
