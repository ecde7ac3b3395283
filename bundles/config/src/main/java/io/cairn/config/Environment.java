package io.cairn.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;

/** What the runtime defaults depend on outside the config: the host, its addresses, a temp directory. */
public interface Environment {

    String hostName();

    /** The first non-loopback IPv4 address of this host, if any. */
    Optional<String> privateIpv4();

    /** A fresh, empty directory for a {@code -dev} agent's data. */
    Path temporaryDataDir();

    /** This machine. */
    Environment LOCAL = new Environment() {
        @Override
        public String hostName() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost");
            }
        }

        @Override
        public Optional<String> privateIpv4() {
            try {
                return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                        .flatMap(NetworkInterface::inetAddresses)
                        .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                        .map(InetAddress::getHostAddress)
                        .findFirst();
            } catch (SocketException e) {
                return Optional.empty();
            }
        }

        @Override
        public Path temporaryDataDir() {
            try {
                return Files.createTempDirectory("cairn-dev-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
}
