package io.cairn.api.membership;

import java.util.Map;
import java.util.Objects;

/**
 * One member of a pool as {@code /v1/agent/members} shows it.
 *
 * @param name   its node name ({@code node.dc} in the WAN pool)
 * @param addr   its advertised address
 * @param port   its pool port ({@code serf_lan} or {@code serf_wan})
 * @param tags   what it announces: {@code role} ({@code consul} for servers, {@code node} for
 *               clients), {@code dc}, {@code id}, {@code port}, {@code build}, {@code vsn}... (see {@link MemberTags})
 * @param status alive, leaving, left or failed
 */
public record Member(String name, String addr, int port, Map<String, String> tags, MemberStatus status) {

    /** The membership protocol range Consul reports (serf's), kept for clients that read it. */
    public static final int PROTOCOL_MIN = 1;
    public static final int PROTOCOL_MAX = 5;
    public static final int PROTOCOL_CUR = 2;
    public static final int DELEGATE_MIN = 2;
    public static final int DELEGATE_MAX = 5;
    public static final int DELEGATE_CUR = 4;

    public Member {
        Objects.requireNonNull(name, "name");
        tags = Map.copyOf(tags);
    }

    public boolean server() {
        return MemberTags.ROLE_SERVER.equals(tags.get(MemberTags.ROLE));
    }

    public Member withStatus(MemberStatus newStatus) {
        return new Member(name, addr, port, tags, newStatus);
    }
}
