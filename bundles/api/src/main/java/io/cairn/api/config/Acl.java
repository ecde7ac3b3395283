package io.cairn.api.config;

import java.time.Duration;

/** {@code acl}: whether ACLs are enforced, the policies without a token or a leader, and the agent's tokens. */
public record Acl(
        boolean enabled,
        String defaultPolicy,
        String downPolicy,
        boolean enableTokenPersistence,
        boolean enableTokenReplication,
        Duration tokenTtl,
        Duration policyTtl,
        Duration roleTtl,
        Tokens tokens) {

    public Acl {
        tokens = tokens == null ? new Tokens(null, null, null, null, null) : tokens;
    }

    /** {@code acl.tokens}; {@code defaultToken} is the key {@code default}. Unset tokens are {@code null}. */
    public record Tokens(String initialManagement, String agent, String agentRecovery, String defaultToken, String replication) {
    }
}
