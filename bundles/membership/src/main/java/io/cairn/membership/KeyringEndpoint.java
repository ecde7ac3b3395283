package io.cairn.membership;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpRequest;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.http.Route;
import io.cairn.api.http.RouteProvider;
import io.cairn.api.membership.MembershipException;

/**
 * {@code /v1/operator/keyring} as Consul answers it: GET lists the keys of every pool (how many
 * members hold each), POST installs a key, PUT makes it primary, DELETE removes it; the body
 * of the last three is {@code {"Key": "..."}}. Every member of this agent's pools (the LAN
 * pool; the WAN pool too on a server) applies the operation.
 */
public final class KeyringEndpoint implements RouteProvider {

    static final String PATH = "/v1/operator/keyring";

    private final AgentMembership membership;
    private final String datacenter;
    private final Duration timeout;

    /** @param timeout how long to wait for every member's answer */
    public KeyringEndpoint(AgentMembership membership, String datacenter, Duration timeout) {
        this.membership = membership;
        this.datacenter = datacenter;
        this.timeout = timeout;
    }

    /** The body of POST, PUT and DELETE. */
    public record KeyRequest(String key) {
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route(PATH, Set.of("GET", "POST", "PUT", "DELETE"), this::handle));
    }

    private CompletionStage<HttpResponse> handle(HttpRequest request) throws HttpException {
        KeyringMessage.Op op = switch (request.method()) {
            case "POST" -> KeyringMessage.Op.INSTALL;
            case "PUT" -> KeyringMessage.Op.USE;
            case "DELETE" -> KeyringMessage.Op.REMOVE;
            default -> KeyringMessage.Op.LIST;
        };
        String key = "";
        if (op != KeyringMessage.Op.LIST) {
            KeyRequest body = request.body().length == 0 ? null : request.bodyAs(KeyRequest.class);
            if (body == null || body.key() == null || body.key().isBlank()) {
                throw HttpException.badRequest("Request decode failed: missing Key");
            }
            key = body.key();
        }
        List<AgentMembership.PoolKeyring> results;
        try {
            results = membership.keyring(op, key, timeout);
        } catch (MembershipException e) {
            throw HttpException.badRequest(e.getMessage());
        }
        List<String> errors = errors(results);
        if (!errors.isEmpty()) {
            throw new HttpException(500, multiError(errors));
        }
        if (op != KeyringMessage.Op.LIST) {
            return HttpResponse.ok().completed();
        }
        List<Map<String, Object>> body = new ArrayList<>();
        for (AgentMembership.PoolKeyring pool : results) {
            body.add(view(pool));
        }
        return HttpResponse.json(body).completed();
    }

    /** One element of the list, in Consul's {@code KeyringResponse} fields. */
    Map<String, Object> view(AgentMembership.PoolKeyring pool) {
        KeyringResult r = pool.result();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("WAN", pool.wan());
        m.put("Datacenter", datacenter);
        m.put("Segment", "");
        m.put("Messages", r.messages());
        m.put("Keys", r.keys());
        m.put("PrimaryKeys", r.primaryKeys());
        m.put("NumNodes", r.numNodes());
        return m;
    }

    /** Consul's way of naming what went wrong: the pool's verdict, then each member's message. */
    List<String> errors(List<AgentMembership.PoolKeyring> results) {
        List<String> errors = new ArrayList<>();
        for (AgentMembership.PoolKeyring pool : results) {
            pool.result().error().ifPresent(error -> {
                errors.add((pool.wan() ? "WAN" : datacenter + " (LAN)") + " error: " + error);
                pool.result().messages().forEach((node, message) -> errors.add(node + ": " + message));
            });
        }
        return errors;
    }

    /** Go's multierror text, as Consul's HTTP error body carries it. */
    static String multiError(List<String> errors) {
        StringBuilder out = new StringBuilder();
        out.append(errors.size()).append(errors.size() == 1 ? " error occurred:\n" : " errors occurred:\n");
        for (String error : errors) {
            out.append("\t* ").append(error).append('\n');
        }
        return out.append('\n').toString();
    }
}
