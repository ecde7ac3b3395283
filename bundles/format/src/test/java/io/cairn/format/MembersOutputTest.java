package io.cairn.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.cairn.api.membership.Member;
import io.cairn.api.membership.MemberStatus;

/** {@code members} prints Consul's columns, servers first then by name. */
class MembersOutputTest {

    private static final Map<String, String> SERVER = Map.of("role", "consul", "dc", "dc1", "build", "1.22.0:abc",
            "vsn", "2", "port", "8300");
    private static final List<MembersOutput.Row> ROWS = List.of(
            MembersOutput.Row.of(new Member("web1", "127.0.0.43", 8301,
                    Map.of("role", "node", "dc", "dc1", "build", "1.22.0:abc", "vsn", "2", "segment", ""), MemberStatus.FAILED)),
            MembersOutput.Row.of(new Member("server2", "127.0.0.41", 8301, SERVER, MemberStatus.ALIVE)),
            MembersOutput.Row.of(new Member("server1", "127.0.0.40", 8301, SERVER, MemberStatus.LEFT)));

    @Test
    void tableHasConsulsColumnsWithServersFirst() {
        assertThat(MembersOutput.table(ROWS)).isEqualTo("""
                Node     Address          Status  Type    Build   Protocol  DC   Partition  Segment
                server1  127.0.0.40:8301  left    server  1.22.0  2         dc1  default    <all>
                server2  127.0.0.41:8301  alive   server  1.22.0  2         dc1  default    <all>
                web1     127.0.0.43:8301  failed  client  1.22.0  2         dc1  default    <default>
                """);
    }

    @Test
    void detailedShowsSortedTags() {
        assertThat(MembersOutput.detailedTable(ROWS).lines().toList().get(3))
                .isEqualTo("web1     127.0.0.43:8301  failed  build=1.22.0:abc,dc=dc1,role=node,segment=,vsn=2");
    }

    @Test
    void statusFilterMatchesTheWholeWord() {
        assertThat(MembersOutput.withStatus(ROWS, "alive|left")).extracting(MembersOutput.Row::name)
                .containsExactly("server2", "server1");
        assertThat(MembersOutput.withStatus(ROWS, "ali")).isEmpty();
    }
}
