package io.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.kv.KvEntry;
import io.cairn.api.kv.KvStore;

/** Consul's KV endpoint semantics over a store on a local log. */
class KvEndpointTest {

    private StoreState state;
    private KvEndpoint endpoint;

    @BeforeEach
    void setUp() {
        state = new StoreState(new MemoryStorageBackend().createTables(), new IndexWatches());
        KvStore kv = new ReplicatedKvStore(state, new LocalReplication(state), new BlockingQuery(Runnable::run));
        endpoint = new KvEndpoint(kv);
    }

    private HttpResponse call(FakeRequest request) throws Exception {
        try {
            return endpoint.handle(request).toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    private HttpResponse put(String key, String value) throws Exception {
        return call(FakeRequest.kv("PUT", key).body(value.getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpException httpError(ThrowingCall call) {
        try {
            call.run();
        } catch (HttpException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected an HttpException, got " + e, e);
        }
        throw new AssertionError("expected an HttpException");
    }

    @FunctionalInterface
    interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void putThenGetAnswersAnArrayWithIndexes() throws Exception {
        assertThat(put("a/b", "v").body()).isEqualTo(true);
        HttpResponse get = call(FakeRequest.kv("GET", "a/b"));
        assertThat(get.status()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<KvEntry> entries = (List<KvEntry>) get.body();
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("a/b");
            assertThat(e.createIndex()).isEqualTo(1);
        });
        assertThat(get.meta()).hasValueSatisfying(m -> assertThat(m.index()).isEqualTo(1));
    }

    @Test
    void aMissAnswers404WithTheIndex() throws Exception {
        put("x", "1");
        HttpResponse miss = call(FakeRequest.kv("GET", "absent"));
        assertThat(miss.status()).isEqualTo(404);
        assertThat(miss.meta()).hasValueSatisfying(m -> assertThat(m.index()).isEqualTo(1));
    }

    @Test
    void theRootNeedsRecurseOrKeys() throws Exception {
        HttpException e = httpError(() -> call(FakeRequest.kv("GET", "")));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).isEqualTo("Missing key name");
        assertThat(httpError(() -> put("", "v")).status()).isEqualTo(400);
        assertThat(httpError(() -> call(FakeRequest.kv("DELETE", ""))).status()).isEqualTo(400);
    }

    @Test
    void keysWithSeparatorAndTheLegacySpelling() throws Exception {
        put("a/x/1", "");
        put("a/y/1", "");
        put("a/z", "");
        assertThat(call(FakeRequest.kv("GET", "a/").param("keys", "").param("separator", "/")).body())
                .isEqualTo(List.of("a/x/", "a/y/", "a/z"));
        assertThat(call(FakeRequest.kv("GET", "a/").param("keys", "").param("seperator", "/")).body())
                .isEqualTo(List.of("a/x/", "a/y/", "a/z"));
        assertThat(call(FakeRequest.kv("GET", "b/").param("keys", "")).status()).isEqualTo(404);
        call(FakeRequest.kv("DELETE", "").param("recurse", ""));
        HttpResponse emptyRoot = call(FakeRequest.kv("GET", "").param("keys", ""));
        assertThat(emptyRoot.status()).isEqualTo(200);
        assertThat(emptyRoot.body()).isEqualTo(List.of());
    }

    @Test
    void flagsCasAndRaw() throws Exception {
        assertThat(call(FakeRequest.kv("PUT", "k").param("flags", "18446744073709551615").param("cas", "0")
                .body(new byte[] {7})).body()).isEqualTo(true);
        assertThat(state.kvGet("k").value().orElseThrow().flags()).isEqualTo(-1L);
        assertThat(call(FakeRequest.kv("PUT", "k").param("cas", "0").body(new byte[] {8})).body()).isEqualTo(false);
        assertThat(call(FakeRequest.kv("PUT", "k").param("cas", "1").body(new byte[] {9})).body()).isEqualTo(true);
        HttpResponse raw = call(FakeRequest.kv("GET", "k").param("raw", ""));
        assertThat(raw.body()).isEqualTo(new byte[] {9});
        assertThat(raw.contentType()).contains("text/plain");
        assertThat(state.kvGet("k").value().orElseThrow().flags()).as("a PUT without flags stores 0, as Consul").isZero();
        assertThat(httpError(() -> call(FakeRequest.kv("PUT", "k").param("flags", "-1"))).status()).isEqualTo(400);
    }

    @Test
    void deleteRecurseAndCas() throws Exception {
        put("t/1", "");
        put("t/2", "");
        assertThat(call(FakeRequest.kv("DELETE", "t/1").param("cas", "9")).body()).isEqualTo(false);
        assertThat(call(FakeRequest.kv("DELETE", "t/1").param("cas", "1")).body()).isEqualTo(true);
        assertThat(call(FakeRequest.kv("DELETE", "t/").param("recurse", "")).body()).isEqualTo(true);
        assertThat(call(FakeRequest.kv("GET", "t/").param("recurse", "")).status()).isEqualTo(404);
    }

    @Test
    void aValueAbove512KiBIs413() {
        HttpException e = httpError(() -> call(FakeRequest.kv("PUT", "big").body(new byte[KvStore.MAX_VALUE_SIZE + 1])));
        assertThat(e.status()).isEqualTo(413);
    }

    @Test
    void conflictingFlagsAndUnknownSessions() {
        assertThat(httpError(() -> call(FakeRequest.kv("PUT", "k").param("cas", "1").param("acquire", "s"))).status())
                .isEqualTo(400);
        HttpException acquire = httpError(() -> call(FakeRequest.kv("PUT", "k").param("acquire", "s1")));
        assertThat(acquire.status()).isEqualTo(500);
        assertThat(acquire.getMessage()).isEqualTo("invalid session \"s1\"");
    }

    @Test
    void aBlockingReadWakesOnlyWhenItsKeyChanges() throws Exception {
        put("watched", "1");
        CompletableFuture<HttpResponse> parked = endpoint
                .handle(FakeRequest.kv("GET", "watched").block(1, Duration.ofSeconds(30))).toCompletableFuture();
        assertThat(parked).isNotDone();

        put("unrelated", "x");
        put("watchedx", "x");
        assertThat(parked).as("writes elsewhere do not wake it").isNotDone();

        put("watched", "2");
        HttpResponse woken = parked.get(5, TimeUnit.SECONDS);
        assertThat(woken.meta()).hasValueSatisfying(m -> assertThat(m.index()).isEqualTo(4));
        assertThat(state.watches().waiting()).isZero();
    }

    @Test
    void aBlockingReadAnswersWithTheCurrentDataWhenTheWaitEnds() throws Exception {
        put("watched", "1");
        HttpResponse answer = call(FakeRequest.kv("GET", "watched").block(1, Duration.ofMillis(50)));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.meta()).hasValueSatisfying(m -> assertThat(m.index()).isEqualTo(1));
        assertThat(state.watches().waiting()).as("a timed-out waiter leaves the registry").isZero();
    }

    @Test
    void aBlockingPrefixReadWakesOnADeleteBelowIt() throws Exception {
        put("p/a", "1");
        CompletableFuture<HttpResponse> parked = endpoint
                .handle(FakeRequest.kv("GET", "p/").param("recurse", "").block(1, Duration.ofSeconds(30)))
                .toCompletableFuture();
        call(FakeRequest.kv("DELETE", "p/a"));
        HttpResponse woken = parked.get(5, TimeUnit.SECONDS);
        assertThat(woken.status()).isEqualTo(404);
        assertThat(woken.meta()).hasValueSatisfying(m -> assertThat(m.index()).isEqualTo(2));
    }
}
