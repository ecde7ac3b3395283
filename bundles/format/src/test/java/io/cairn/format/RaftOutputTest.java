package io.cairn.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code raft list-peers} in Consul's columns, with how far each server trails the leader. */
class RaftOutputTest {

    @Test
    void peersInConsulsColumnsWithHowFarEachTrailsTheLeader() {
        String table = RaftOutput.peersTable(List.of(
                new RaftOutput.Peer("server1", "server1", "127.0.0.41:8300", true, true, "3", 120),
                new RaftOutput.Peer("server2", "server2", "127.0.0.42:8300", false, true, "3", 120),
                new RaftOutput.Peer("server3", "server3", "127.0.0.43:8300", false, true, "3", 119)));

        assertThat(table).isEqualTo("""
                Node     ID       Address          State     Voter  RaftProtocol  Commit Index  Trails Leader By
                server1  server1  127.0.0.41:8300  leader    true   3             120           -
                server2  server2  127.0.0.42:8300  follower  true   3             120           0 commits
                server3  server3  127.0.0.43:8300  follower  true   3             119           1 commit
                """);
    }
}
