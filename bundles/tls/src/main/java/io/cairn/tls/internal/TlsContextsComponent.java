package io.cairn.tls.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import io.cairn.api.config.TlsSettings;
import io.cairn.api.tls.CaMaterial;
import io.cairn.api.tls.CertificateAuthority;
import io.cairn.api.tls.CertificateSigningRequest;
import io.cairn.api.tls.ClientCertificateRequest;
import io.cairn.api.tls.InMemoryCredentials;
import io.cairn.api.tls.MutualTls;
import io.cairn.api.tls.SignedCertificate;
import io.cairn.api.tls.TlsContext;
import io.cairn.api.tls.TlsContexts;
import io.cairn.api.tls.TlsException;
import io.cairn.tls.AutoEncryptAuthority;
import io.cairn.tls.ReloadableMutualTls;
import io.cairn.tls.SslContexts;

/** Publishes {@link SslContexts} as the {@link TlsContexts} service, {@link AutoEncryptAuthority} as the {@link CertificateAuthority}. */
@Component(service = {TlsContexts.class, CertificateAuthority.class})
public class TlsContextsComponent implements TlsContexts, CertificateAuthority {

    private final AutoEncryptAuthority authority = new AutoEncryptAuthority(Clock.systemUTC());

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

    @Override
    public TlsContext serverWithAutoEncrypt(TlsSettings settings, List<String> extraRootPems) throws TlsException {
        return SslContexts.serverWithAutoEncrypt(settings, extraRootPems);
    }

    @Override
    public CertificateSigningRequest signingRequest(String commonName) throws TlsException {
        return AutoEncryptAuthority.signingRequest(commonName);
    }

    @Override
    public TlsContext client(TlsSettings settings, Optional<InMemoryCredentials> own, boolean verify,
            Optional<String> serverName, List<String> extraRootPems) throws TlsException {
        return SslContexts.outgoing(settings, own, verify, serverName, extraRootPems);
    }

    @Override
    public CaMaterial create(String datacenter, String domain) {
        return authority.create(datacenter, domain);
    }

    @Override
    public SignedCertificate signClient(CaMaterial ca, ClientCertificateRequest request, Duration validity)
            throws TlsException {
        return authority.signClient(ca, request, validity);
    }
}
