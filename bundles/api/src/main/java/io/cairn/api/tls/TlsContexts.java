package io.cairn.api.tls;

import org.osgi.annotation.versioning.ProviderType;

import java.util.List;
import java.util.Optional;

import io.cairn.api.config.TlsSettings;

/** Builds the TLS side of the agent's listeners from its {@code tls} configuration. */
@ProviderType
public interface TlsContexts {

    /**
     * The context of a listener (HTTPS, server RPC): the agent's own certificate from
     * {@code cert_file}/{@code key_file}, client certificates checked against
     * {@code ca_file}/{@code ca_path} and required when {@code verify_incoming}. The files are
     * read on every call.
     *
     * @throws TlsException when a file is missing or unreadable, or no certificate is set
     */
    TlsContext server(TlsSettings settings) throws TlsException;

    /**
     * The context of an outgoing connection the agent makes on its own behalf (HTTPS, gRPC
     * and H2PING health checks): servers checked against {@code ca_file}/{@code ca_path}, the
     * JDK's CAs when neither is set; the agent's certificate presented when asked, if set.
     *
     * @param verify     false trusts any server ({@code TLSSkipVerify})
     * @param serverName the name the server's certificate must carry ({@code TLSServerName});
     *                   empty: the host dialled
     * @throws TlsException when a file is missing or unreadable
     * @since 1.1
     */
    TlsContext client(TlsSettings settings, boolean verify, Optional<String> serverName) throws TlsException;

    /**
     * Mutual TLS between the servers of a data centre (Raft): the agent's certificate, the
     * peer's required on both sides, and with {@code verify_server_hostname} naming
     * {@code serverName}.
     *
     * @param serverName {@code server.<dc>.<domain>}
     * @throws TlsException when a file is missing or unreadable, or no certificate or CA is set
     * @since 1.2
     */
    MutualTls mutual(TlsSettings settings, String serverName) throws TlsException;

    /**
     * Server RPC on a server with {@code auto_encrypt.allow_tls}: as {@link #server}, trusting
     * the auto_encrypt CA beside {@code ca_file}; with {@code verify_incoming} the client
     * certificate is wanted, not needed, so that a client without one can ask for one (the
     * listener refuses it anything else).
     *
     * @param extraRootPems CA certificates trusted beside the files' (the auto_encrypt CA)
     * @since 1.3
     */
    TlsContext serverWithAutoEncrypt(TlsSettings settings, List<String> extraRootPems) throws TlsException;

    /**
     * A client agent with {@code auto_encrypt.tls}: a new EC P-256 key and a PKCS#10 request
     * for it, named {@code commonName}.
     *
     * @since 1.3
     */
    CertificateSigningRequest signingRequest(String commonName) throws TlsException;

    /**
     * Dialling server RPC with credentials held in memory (auto_encrypt) or none (the sign
     * request itself): servers checked against {@code ca_file}/{@code ca_path} and
     * {@code extraRootPems}, named {@code serverName} when given, else by the CA's signature
     * alone (servers are dialled by address).
     *
     * @param own           this side's key and certificate; empty: none presented
     * @param verify        false trusts any server
     * @param extraRootPems CA certificates trusted beside the files'
     * @since 1.3
     */
    TlsContext client(TlsSettings settings, Optional<InMemoryCredentials> own, boolean verify,
            Optional<String> serverName, List<String> extraRootPems) throws TlsException;
}
