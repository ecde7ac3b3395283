package io.cairn.api.catalog;

import java.util.Objects;

/** One of a service's tagged addresses ({@code TaggedAddresses: {lan: {Address, Port}}}). */
public record ServiceAddress(String address, int port) {

    public ServiceAddress {
        address = Objects.requireNonNullElse(address, "");
    }
}
