package io.cairn.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cairn tls}: the built-in CA, as Consul's {@code consul tls}. */
@Command(name = "tls", description = "Builtin helpers for creating CAs and certificates",
        subcommands = {TlsCommand.Ca.class, TlsCommand.Cert.class})
final class TlsCommand implements Runnable {

    @Override
    public void run() {
        CommandLine.usage(this, System.err);
    }

    @Command(name = "ca", description = "Helpers for CAs", subcommands = TlsCaCreateCommand.class)
    static final class Ca implements Runnable {
        @Override
        public void run() {
            CommandLine.usage(this, System.err);
        }
    }

    @Command(name = "cert", description = "Helpers for certificates", subcommands = TlsCertCreateCommand.class)
    static final class Cert implements Runnable {
        @Override
        public void run() {
            CommandLine.usage(this, System.err);
        }
    }
}
