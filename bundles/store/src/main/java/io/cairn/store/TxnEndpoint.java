package io.cairn.store;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;

import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpRequest;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.http.QueryMeta;
import io.cairn.api.http.Route;
import io.cairn.api.http.RouteProvider;
import io.cairn.api.kv.KvEntry;
import io.cairn.api.kv.KvStore;

/**
 * {@code PUT /v1/txn}: KV operations applied all or none as one log entry; a transaction of
 * reads only is answered by this server without the log, in the request's consistency mode.
 * A rollback answers 409 with every failed operation's index and Consul's message.
 */
public final class TxnEndpoint implements RouteProvider {

    private final StoreState state;
    private final Replication replication;

    public TxnEndpoint(StoreState state, Replication replication) {
        this.state = state;
        this.replication = replication;
    }

    /** One KV result as Consul writes it: the value only for the get verbs, null otherwise. */
    record KvJson(long lockIndex, String key, long flags, byte[] value, Optional<String> session, long createIndex,
                  long modifyIndex) {
        static KvJson of(TxnOutcome.Result r) {
            KvEntry e = r.entry();
            return new KvJson(e.lockIndex(), e.key(), e.flags(), r.withValue() ? e.value() : null, e.session(),
                    e.createIndex(), e.modifyIndex());
        }
    }

    record ErrorJson(int opIndex, String what) {
    }

    /** Consul's {@code TxnResponse}: Results on success, Errors on rollback, the other null. */
    record TxnJson(List<Map<String, KvJson>> results, List<ErrorJson> errors) {
        static TxnJson of(TxnOutcome outcome) {
            return outcome.committed()
                    ? new TxnJson(outcome.results().stream().map(r -> Map.of("KV", KvJson.of(r))).toList(), null)
                    : new TxnJson(null, outcome.errors().stream().map(e -> new ErrorJson(e.opIndex(), e.what())).toList());
        }
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.put("/v1/txn", r -> HttpErrors.mapped(handle(r))));
    }

    CompletionStage<HttpResponse> handle(HttpRequest request) throws HttpException {
        List<TxnOp> ops = new ArrayList<>();
        List<TxnOutcome.Error> unsupported = new ArrayList<>();
        List<?> body = request.body().length == 0 ? List.of() : decode(request);
        if (body.size() > TxnRules.MAX_OPS) {
            throw new HttpException(413, "Transaction contains too many operations (" + body.size() + " > "
                    + TxnRules.MAX_OPS + ")");
        }
        for (int i = 0; i < body.size(); i++) {
            Map<String, Object> op = caseInsensitive(body.get(i));
            if (op.get("KV") == null) {
                unsupported.add(new TxnOutcome.Error(i, op.isEmpty() ? "no operation specified"
                        : "only KV operations are supported in transactions"));
                continue;
            }
            Optional<TxnOp> kv = kvOp(caseInsensitive(op.get("KV")), i, unsupported);
            kv.ifPresent(ops::add);
        }
        if (!unsupported.isEmpty()) {
            return toResponse(new TxnOutcome(List.of(), unsupported), Optional.empty()).completed();
        }
        if (ops.stream().noneMatch(op -> op.verb().writes())) {
            return replication.readable(request.options().consistency()).thenApply(ready -> {
                Replication.LeaderContact contact = replication.contact();
                QueryMeta meta = new QueryMeta(Math.max(1, state.lastApplied()), contact.knownLeader(),
                        contact.lastContactMs(), request.options().consistency());
                return toResponse(state.readTxn(ops), Optional.of(meta));
            });
        }
        return replication.execute(new Command.Txn(ops, 0))
                .thenApply(outcome -> toResponse(TxnOutcome.decode(outcome.accepted().payload()), Optional.empty()));
    }

    private static HttpResponse toResponse(TxnOutcome outcome, Optional<QueryMeta> meta) {
        return new HttpResponse(outcome.committed() ? 200 : 409, TxnJson.of(outcome), Optional.empty(), meta, Map.of());
    }

    private static List<?> decode(HttpRequest request) throws HttpException {
        try {
            return List.of(request.bodyAs(Object[].class));
        } catch (HttpException e) {
            throw HttpException.badRequest("Failed to parse body: " + e.getMessage());
        }
    }

    /** An unknown verb is the operation's error, as Consul's state store reports it. */
    private static Optional<TxnOp> kvOp(Map<String, Object> kv, int index, List<TxnOutcome.Error> errors)
            throws HttpException {
        String verb = String.valueOf(kv.getOrDefault("Verb", ""));
        Optional<TxnOp.Verb> known = TxnOp.Verb.byWireName(verb);
        if (known.isEmpty()) {
            errors.add(new TxnOutcome.Error(index, "unknown KV verb \"" + verb + "\""));
            return Optional.empty();
        }
        String key = String.valueOf(kv.getOrDefault("Key", ""));
        byte[] value;
        try {
            value = kv.get("Value") == null ? new byte[0] : Base64.getDecoder().decode(String.valueOf(kv.get("Value")));
        } catch (IllegalArgumentException e) {
            throw HttpException.badRequest("Failed to parse body: failed to decode value: " + e.getMessage());
        }
        if (value.length > KvStore.MAX_VALUE_SIZE) {
            throw new HttpException(413, "Value for key \"" + key + "\" is too large (" + value.length + " > "
                    + KvStore.MAX_VALUE_SIZE + " bytes)");
        }
        return Optional.of(new TxnOp(known.get(), key, value, number(kv, "Flags"), number(kv, "Index"),
                kv.get("Session") == null ? "" : String.valueOf(kv.get("Session"))));
    }

    private static long number(Map<String, Object> kv, String name) throws HttpException {
        Object value = kv.get(name);
        if (value == null) {
            return 0;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        throw HttpException.badRequest("Failed to parse body: " + name + " must be a number");
    }

    private static Map<String, Object> caseInsensitive(Object value) throws HttpException {
        if (!(value instanceof Map<?, ?> map)) {
            throw HttpException.badRequest("Failed to parse body: each operation must be an object");
        }
        Map<String, Object> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        map.forEach((k, v) -> fields.put(String.valueOf(k), v));
        return fields;
    }
}
