package io.cairn.config.internal;

import java.nio.file.Path;
import java.util.Optional;

import io.cairn.config.Environment;

/** A {@code -dev} agent keeps the same temporary data dir across reloads. */
final class OneTemporaryDataDir implements Environment {

    private final Environment host;
    private Path dataDir;

    OneTemporaryDataDir(Environment host) {
        this.host = host;
    }

    @Override
    public String hostName() {
        return host.hostName();
    }

    @Override
    public Optional<String> privateIpv4() {
        return host.privateIpv4();
    }

    @Override
    public synchronized Path temporaryDataDir() {
        if (dataDir == null) {
            dataDir = host.temporaryDataDir();
        }
        return dataDir;
    }
}
