package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cairn.format.MembersOutput;

/** {@code cairn members} reads each member of {@code /v1/agent/members} into a row of Consul's table. */
class MembersCommandTest {

    @Test
    void rowsCarryAddressStatusWordRoleAndTags() throws Exception {
        var rows = MembersCommand.rows(new ObjectMapper().readTree("""
                [{"Name":"web1","Addr":"127.0.0.43","Port":8301,"Status":4,"Tags":{"role":"node","dc":"dc1"}},
                 {"Name":"server1","Addr":"127.0.0.40","Port":8301,"Status":3,"Tags":{"role":"consul","dc":"dc1"}}]
                """));

        assertThat(rows).containsExactly(
                new MembersOutput.Row("web1", "127.0.0.43:8301", "failed", false, Map.of("role", "node", "dc", "dc1")),
                new MembersOutput.Row("server1", "127.0.0.40:8301", "left", true, Map.of("role", "consul", "dc", "dc1")));
    }
}
