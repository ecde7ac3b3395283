package io.cairn.checks;

import java.net.InetSocketAddress;

/** A {@code host:port} or {@code [v6]:port} target of a TCP, UDP, gRPC or H2PING check. */
record HostPort(String host, int port) {

    /** @throws IllegalArgumentException with Go's wording when the port is missing or bad */
    static HostPort parse(String address) {
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("address " + address + ": missing port in address");
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(address.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return new HostPort(host.isEmpty() ? "localhost" : host, port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address " + address + ": invalid port");
        }
    }

    /** Resolves the host now (a blocking name lookup: run on a worker, not a selector). */
    InetSocketAddress resolve() {
        return new InetSocketAddress(host, port);
    }
}
