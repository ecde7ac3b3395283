package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What {@code cairn operator raft list-peers} prints from the configuration and autopilot health. */
class OperatorCommandTest {

    @Test
    void peersInConsulsColumnsWithHowFarEachTrailsTheLeader() throws Exception {
        String table = OperatorCommand.peersTable(AgentClient.JSON.readTree("""
                {"Servers":[
                  {"ID":"server1","Node":"server1","Address":"127.0.0.41:8300","Leader":true,"ProtocolVersion":"3","Voter":true},
                  {"ID":"server2","Node":"server2","Address":"127.0.0.42:8300","Leader":false,"ProtocolVersion":"3","Voter":true},
                  {"ID":"server3","Node":"server3","Address":"127.0.0.43:8300","Leader":false,"ProtocolVersion":"3","Voter":true}],
                 "Index":12}
                """), AgentClient.JSON.readTree("""
                {"Healthy":true,"FailureTolerance":1,"Servers":[
                  {"ID":"server1","LastIndex":120,"Leader":true},
                  {"ID":"server2","LastIndex":120,"Leader":false},
                  {"ID":"server3","LastIndex":119,"Leader":false}]}
                """));

        assertThat(table).isEqualTo("""
                Node     ID       Address          State     Voter  RaftProtocol  Commit Index  Trails Leader By
                server1  server1  127.0.0.41:8300  leader    true   3             120           -
                server2  server2  127.0.0.42:8300  follower  true   3             120           0 commits
                server3  server3  127.0.0.43:8300  follower  true   3             119           1 commit
                """);
    }
}
