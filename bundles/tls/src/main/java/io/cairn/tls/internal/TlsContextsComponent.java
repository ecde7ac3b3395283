package io.cairn.tls.internal;

import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import io.cairn.api.config.TlsSettings;
import io.cairn.api.tls.MutualTls;
import io.cairn.api.tls.TlsContext;
import io.cairn.api.tls.TlsContexts;
import io.cairn.api.tls.TlsException;
import io.cairn.tls.ReloadableMutualTls;
import io.cairn.tls.SslContexts;

/** Publishes {@link SslContexts} as the {@link TlsContexts} service. */
@Component
public class TlsContextsComponent implements TlsContexts {

    @Override
    public TlsContext server(TlsSettings settings) throws TlsException {
        return SslContexts.server(settings);
    }

    @Override
    public TlsContext client(TlsSettings settings, boolean verify, Optional<String> serverName) throws TlsException {
        return SslContexts.outgoing(settings, verify, serverName);
    }

    @Override
    public MutualTls mutual(TlsSettings settings, String serverName) throws TlsException {
        return ReloadableMutualTls.of(settings, serverName);
    }
}
