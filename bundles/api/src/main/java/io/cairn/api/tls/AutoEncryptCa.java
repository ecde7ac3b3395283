package io.cairn.api.tls;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Published by a server's store once the replicated state holds the auto_encrypt CA: its
 * certificate, which the server's RPC listener trusts beside {@code ca_file} so that client
 * agents with an auto_encrypt certificate get in.
 *
 * @since 1.3
 */
@ProviderType
public interface AutoEncryptCa {

    /** The CA certificate, PEM. */
    String rootPem();
}
