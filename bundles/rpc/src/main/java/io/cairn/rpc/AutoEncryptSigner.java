package io.cairn.rpc;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cairn.api.http.ServerRpcPaths;

/**
 * Sends a client agent's auto_encrypt request to the servers' RPC port, one server after the
 * other until one signs: the one request a server serves before the agent has a certificate.
 */
public final class AutoEncryptSigner implements AutoEncryptClient.Signer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Supplier<List<String>> servers;
    private final RpcClient client;
    private final String datacenter;
    private final String node;
    private final List<String> dnsSan;
    private final List<String> ipSan;

    public AutoEncryptSigner(Supplier<List<String>> servers, RpcClient client, String datacenter, String node,
            List<String> dnsSan, List<String> ipSan) {
        this.servers = servers;
        this.client = client;
        this.datacenter = datacenter;
        this.node = node;
        this.dnsSan = List.copyOf(dnsSan);
        this.ipSan = List.copyOf(ipSan);
    }

    @Override
    public CompletionStage<AutoEncryptClient.SignReply> sign(String csrPem) {
        List<String> candidates = servers.get();
        if (candidates.isEmpty()) {
            return CompletableFuture.failedFuture(new IOException(Forwarder.NO_SERVERS));
        }
        RpcRequest request;
        try {
            request = new RpcRequest("POST", ServerRpcPaths.AUTO_ENCRYPT_SIGN, Map.of("Content-Type", "application/json"),
                    body(csrPem), TIMEOUT);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return attempt(request, candidates, 0, new ArrayList<>());
    }

    private CompletionStage<AutoEncryptClient.SignReply> attempt(RpcRequest request, List<String> candidates, int index,
            List<String> failures) {
        String server = candidates.get(index);
        return client.send(server, request).handle((response, failure) -> {
            try {
                if (failure != null) {
                    throw new IOException(server + ": " + failure.getMessage(), failure);
                }
                if (!response.ok()) {
                    throw new IOException(server + " answered " + response.status() + ": " + response.text().trim());
                }
                return CompletableFuture.completedStage(reply(response.body()));
            } catch (IOException | RuntimeException e) {
                failures.add(e.getMessage());
                if (index + 1 < candidates.size()) {
                    return attempt(request, candidates, index + 1, failures);
                }
                return CompletableFuture.<AutoEncryptClient.SignReply>failedStage(new IOException(String.join("; ", failures)));
            }
        }).thenCompose(stage -> stage);
    }

    byte[] body(String csrPem) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Datacenter", datacenter);
        body.put("Node", node);
        body.put("CSR", csrPem);
        body.put("DnsSan", dnsSan);
        body.put("IpSan", ipSan);
        return JSON.writeValueAsBytes(body);
    }

    static AutoEncryptClient.SignReply reply(byte[] body) throws IOException {
        JsonNode json = JSON.readTree(body);
        List<String> roots = new ArrayList<>();
        json.path("RootCAs").forEach(root -> roots.add(root.asText()));
        String certificate = json.path("CertPEM").asText("");
        if (certificate.isEmpty() || roots.isEmpty()) {
            throw new IOException("the sign reply carries no certificate or no root");
        }
        try {
            return new AutoEncryptClient.SignReply(certificate, Instant.parse(json.path("ValidAfter").asText()),
                    Instant.parse(json.path("ValidBefore").asText()), roots);
        } catch (RuntimeException e) {
            throw new IOException("the sign reply's validity is unreadable: " + e.getMessage(), e);
        }
    }
}
