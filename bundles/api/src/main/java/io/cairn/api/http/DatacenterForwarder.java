package io.cairn.api.http;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Answers, on a server, a request for another data centre ({@code ?dc=dc2}) by passing it on
 * to a server of that data centre over the WAN. Provided by the RPC bundle on server agents;
 * the HTTP bundle calls it for the replicated-state routes ({@link ReplicatedPaths}).
 *
 * @since 1.1
 */
@ProviderType
public interface DatacenterForwarder {

    /** Consul's {@code structs.ErrNoDCPath}: no server of the data centre asked for is known. */
    String NO_PATH = "No path to datacenter";

    /**
     * The remote server's answer as it came, or a stage failed with an {@link HttpException}:
     * 500 {@code No path to datacenter} when no server of that data centre is known.
     */
    CompletionStage<HttpResponse> forward(String datacenter, HttpRequest request);
}
