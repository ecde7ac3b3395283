package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code cairn keyring -list} prints /v1/operator/keyring as Consul's CLI does. */
class KeyringCommandTest {

    private static final String RESPONSES = """
            [{"WAN":true,"Datacenter":"dc1","Segment":"","Messages":{},"Keys":{"a1i101sMY8rxB+0eAKD/gw==":2},
              "PrimaryKeys":{"a1i101sMY8rxB+0eAKD/gw==":2},"NumNodes":2},
             {"WAN":false,"Datacenter":"dc1","Segment":"","Messages":{"web":"Keyring is empty (encryption not enabled)"},
              "Keys":{"a1i101sMY8rxB+0eAKD/gw==":3,"pUqJrVyVRj5jsiYEkM/tFQYfWyJIv4s3XkvDwy7Cu5s=":1},
              "PrimaryKeys":{"a1i101sMY8rxB+0eAKD/gw==":3},"NumNodes":4}]
            """;

    @Test
    void everyPoolWithItsKeysAndHowManyMembersHoldThem() throws Exception {
        String out = KeyringCommand.format(new ObjectMapper().readTree(RESPONSES), false);

        assertThat(out).isEqualTo("""

                WAN:
                  a1i101sMY8rxB+0eAKD/gw== [2/2]

                dc1 (LAN):
                  ===> web: Keyring is empty (encryption not enabled)
                  a1i101sMY8rxB+0eAKD/gw== [3/4]
                  pUqJrVyVRj5jsiYEkM/tFQYfWyJIv4s3XkvDwy7Cu5s= [1/4]""");
    }

    @Test
    void listPrimaryShowsThePrimaryKeysOnly() throws Exception {
        String out = KeyringCommand.format(new ObjectMapper().readTree(RESPONSES), true);

        assertThat(out).endsWith("dc1 (LAN):\n  ===> web: Keyring is empty (encryption not enabled)\n  a1i101sMY8rxB+0eAKD/gw== [3/4]");
    }
}
