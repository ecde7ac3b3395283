package io.cairn.api.tls;

import org.osgi.annotation.versioning.ProviderType;

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
}
