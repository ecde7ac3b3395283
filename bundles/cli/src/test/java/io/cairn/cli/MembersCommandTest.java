package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code cairn members} prints Consul's columns, servers first then by name. */
class MembersCommandTest {

    private static final String MEMBERS = """
            [{"Name":"web1","Addr":"127.0.0.43","Port":8301,"Status":4,
              "Tags":{"role":"node","dc":"dc1","build":"1.22.0:abc","vsn":"2","segment":""}},
             {"Name":"server2","Addr":"127.0.0.41","Port":8301,"Status":1,
              "Tags":{"role":"consul","dc":"dc1","build":"1.22.0:abc","vsn":"2","port":"8300"}},
             {"Name":"server1","Addr":"127.0.0.40","Port":8301,"Status":3,
              "Tags":{"role":"consul","dc":"dc1","build":"1.22.0:abc","vsn":"2","port":"8300"}}]
            """;

    @Test
    void tableHasConsulsColumnsWithServersFirst() throws Exception {
        String table = MembersCommand.table(MembersCommand.rows(new ObjectMapper().readTree(MEMBERS)));

        assertThat(table).isEqualTo("""
                Node     Address          Status  Type    Build   Protocol  DC   Partition  Segment
                server1  127.0.0.40:8301  left    server  1.22.0  2         dc1  default    <all>
                server2  127.0.0.41:8301  alive   server  1.22.0  2         dc1  default    <all>
                web1     127.0.0.43:8301  failed  client  1.22.0  2         dc1  default    <default>
                """);
    }

    @Test
    void detailedShowsSortedTags() throws Exception {
        String table = MembersCommand.detailedTable(MembersCommand.rows(new ObjectMapper().readTree(MEMBERS)));

        assertThat(table.lines().toList().get(3))
                .isEqualTo("web1     127.0.0.43:8301  failed  build=1.22.0:abc,dc=dc1,role=node,segment=,vsn=2");
    }
}
