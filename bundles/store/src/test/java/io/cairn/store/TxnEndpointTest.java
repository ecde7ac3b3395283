package io.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.kv.KvPut;
import io.cairn.api.session.NewSession;
import io.cairn.api.session.Session;
import io.cairn.api.session.SessionBehavior;

/** {@code PUT /v1/txn} as a client sees it: all or nothing, Consul's results and errors. */
class TxnEndpointTest {

    private StoreState state;
    private ReplicatedKvStore kv;
    private ReplicatedSessionStore sessions;
    private TxnEndpoint endpoint;

    @BeforeEach
    void setUp() {
        state = new StoreState(new MemoryStorageBackend().createTables(), new IndexWatches());
        LocalReplication log = new LocalReplication(state);
        kv = new ReplicatedKvStore(state, log, new BlockingQuery(Runnable::run));
        sessions = new ReplicatedSessionStore(state, log, new BlockingQuery(Runnable::run));
        endpoint = new TxnEndpoint(state, log);
    }

    private static Map<String, Object> kvOp(String verb, String key, Object... more) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("verb", verb); // any case, as Go decodes it
        op.put("Key", key);
        for (int i = 0; i < more.length; i += 2) {
            op.put((String) more[i], more[i + 1]);
        }
        return Map.of("KV", op);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse txn(Object... ops) throws Exception {
        try {
            return endpoint.handle(FakeRequest.to("PUT", "").body(new byte[] {'['}).bodyAs(ops))
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    @Test
    void writesAndReadsInOneTransactionWithValuesOnlyForGets() throws Exception {
        HttpResponse r = txn(kvOp("set", "a", "Value", b64("1")), kvOp("cas", "b", "Value", b64("2"), "Index", 0),
                kvOp("get", "a"));
        assertThat(r.status()).isEqualTo(200);
        TxnEndpoint.TxnJson body = (TxnEndpoint.TxnJson) r.body();
        assertThat(body.errors()).isNull();
        assertThat(body.results()).hasSize(3);
        assertThat(body.results().get(0).get("KV").value()).as("no value for a write").isNull();
        assertThat(body.results().get(2).get("KV").value()).isEqualTo("1".getBytes(StandardCharsets.UTF_8));
        assertThat(body.results().get(0).get("KV").modifyIndex()).isEqualTo(1);
        assertThat(state.kvGet("b").value()).isPresent();
    }

    @Test
    void oneFailureRollsEverythingBackWith409AndEveryError() throws Exception {
        kv.put(KvPut.of("exists", new byte[0])).toCompletableFuture().get();
        HttpResponse r = txn(kvOp("set", "new", "Value", b64("x")), kvOp("check-not-exists", "exists"),
                kvOp("delete-cas", "exists", "Index", 99));
        assertThat(r.status()).isEqualTo(409);
        TxnEndpoint.TxnJson body = (TxnEndpoint.TxnJson) r.body();
        assertThat(body.results()).isNull();
        assertThat(body.errors()).containsExactly(
                new TxnEndpoint.ErrorJson(1, "key \"exists\" exists"),
                new TxnEndpoint.ErrorJson(2, "failed to delete key \"exists\", index is stale"));
        assertThat(state.kvGet("new").value()).as("nothing of a rolled-back transaction is kept").isEmpty();
        assertThat(state.kvGet("exists").value()).isPresent();
    }

    @Test
    void laterOperationsSeeEarlierOnes() throws Exception {
        HttpResponse r = txn(kvOp("set", "t/a", "Value", b64("1")), kvOp("set", "t/b", "Value", b64("2")),
                kvOp("delete", "t/a"), kvOp("get-tree", "t/"));
        TxnEndpoint.TxnJson body = (TxnEndpoint.TxnJson) r.body();
        assertThat(body.results()).extracting(m -> m.get("KV").key()).containsExactly("t/a", "t/b", "t/b");
    }

    @Test
    void lockAndCheckSessionInATransaction() throws Exception {
        String s = sessions.create(new NewSession("", "node1", Duration.ZERO, SessionBehavior.RELEASE,
                Optional.empty(), List.of(Session.SERF_HEALTH), List.of())).toCompletableFuture().get();
        assertThat(txn(kvOp("lock", "l", "Session", s, "Value", b64("v"))).status()).isEqualTo(200);
        assertThat(txn(kvOp("check-session", "l", "Session", s)).status()).isEqualTo(200);
        HttpResponse other = txn(kvOp("lock", "l", "Session", "nope"));
        assertThat(((TxnEndpoint.TxnJson) other.body()).errors()).extracting(TxnEndpoint.ErrorJson::what)
                .containsExactly("invalid session \"nope\"");
    }

    @Test
    void aReadOnlyTransactionNeedsNoLogEntry() throws Exception {
        kv.put(KvPut.of("r", "v".getBytes(StandardCharsets.UTF_8))).toCompletableFuture().get();
        long before = state.lastApplied();
        HttpResponse r = txn(kvOp("get", "r"), kvOp("check-index", "r", "Index", 1));
        assertThat(r.status()).isEqualTo(200);
        assertThat(state.lastApplied()).isEqualTo(before);
        assertThat(r.meta()).isPresent();
        assertThat(txn(kvOp("get", "absent")).status()).isEqualTo(409);
    }

    @Test
    void anUnknownVerbIsAnOperationErrorAndTooManyOperationsAre413() throws Exception {
        HttpResponse r = txn(kvOp("frobnicate", "k"));
        assertThat(r.status()).isEqualTo(409);
        assertThat(((TxnEndpoint.TxnJson) r.body()).errors()).extracting(TxnEndpoint.ErrorJson::what)
                .containsExactly("unknown KV verb \"frobnicate\"");
        Object[] many = new Object[65];
        for (int i = 0; i < many.length; i++) {
            many[i] = kvOp("set", "k" + i);
        }
        try {
            txn(many);
            throw new AssertionError("expected 413");
        } catch (HttpException e) {
            assertThat(e.status()).isEqualTo(413);
            assertThat(e.getMessage()).isEqualTo("Transaction contains too many operations (65 > 64)");
        }
    }
}
