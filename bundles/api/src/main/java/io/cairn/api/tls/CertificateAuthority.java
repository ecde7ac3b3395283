package io.cairn.api.tls;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The auto_encrypt CA's operations, for the servers: making the CA that the first leader puts
 * into the replicated state, and signing a client agent's request with it.
 *
 * @since 1.3
 */
@ProviderType
public interface CertificateAuthority {

    /**
     * A new CA: EC P-256 key, self-signed certificate valid for ten years, named after the
     * data centre.
     */
    CaMaterial create(String datacenter, String domain);

    /**
     * Signs a client agent's request: the names are the ones {@link ClientCertificateRequest}
     * describes, never a server's ({@code server.<dc>.<domain>} is refused); valid for
     * {@code validity}.
     *
     * @throws TlsException when the request is not a well-formed PKCS#10 request with a valid
     *                      signature, or asks for a name it may not have
     */
    SignedCertificate signClient(CaMaterial ca, ClientCertificateRequest request, java.time.Duration validity)
            throws TlsException;
}
