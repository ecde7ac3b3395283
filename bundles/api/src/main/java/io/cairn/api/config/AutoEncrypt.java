package io.cairn.api.config;

import java.util.List;

/**
 * {@code auto_encrypt}: a server with {@code allow_tls} signs client certificates over server
 * RPC; a client with {@code tls} asks a server for one at start, with the extra SANs given.
 */
public record AutoEncrypt(boolean allowTls, boolean tls, List<String> dnsSan, List<String> ipSan) {

    public AutoEncrypt {
        dnsSan = dnsSan == null ? List.of() : List.copyOf(dnsSan);
        ipSan = ipSan == null ? List.of() : List.copyOf(ipSan);
    }

    public static AutoEncrypt none() {
        return new AutoEncrypt(false, false, List.of(), List.of());
    }
}
