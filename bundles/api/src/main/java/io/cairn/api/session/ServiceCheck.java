package io.cairn.api.session;

import java.util.Objects;

/**
 * A service check a session depends on.
 *
 * @param id        the check's ID
 * @param namespace Consul Enterprise's namespace, "" here
 */
public record ServiceCheck(String id, String namespace) {

    public ServiceCheck {
        Objects.requireNonNull(id, "id");
        namespace = namespace == null ? "" : namespace;
    }
}
