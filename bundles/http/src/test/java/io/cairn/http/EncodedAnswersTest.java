package io.cairn.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import io.cairn.api.http.Consistency;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.http.QueryMeta;

/**
 * The encoded-answer cache and gzip negotiation, on plain objects: the bytes of a read are
 * reused only for the same answer object at the same index, always equal to a fresh encoding.
 */
class EncodedAnswersTest {

    record Instance(String serviceId, int port, Map<String, String> meta) {
    }

    private static final String KEY = "/v1/health/service/web?passing&";

    private final JsonCodec json = new JsonCodec();
    private final EncodedAnswers answers = new EncodedAnswers(1 << 20);
    private final ResponseEncoder encoder = new ResponseEncoder(json, answers);

    private static HttpResponse read(Object body, long index) {
        return HttpResponse.json(body, new QueryMeta(index, true, 0, Consistency.DEFAULT));
    }

    private static List<Instance> instances(int n) {
        return java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> new Instance("web-" + i, 8080 + i, Map.of("zone", "z" + i % 3))).toList();
    }

    @Test
    void theSameAnswerAtTheSameIndexIsServedFromOneEncoding() throws Exception {
        List<Instance> body = instances(50);

        ResponseEncoder.Encoded first = encoder.encode(read(body, 7), KEY);
        ResponseEncoder.Encoded second = encoder.encode(read(body, 7), KEY);
        ResponseEncoder.Encoded third = encoder.encode(read(body, 7), KEY);

        assertThat(first.cached()).as("seen once: encoded as usual, nothing kept").isNull();
        assertThat(second.cached()).as("seen twice: encoded into the cache").isNotNull();
        assertThat(third.body()).as("a hit: the kept bytes themselves").isSameAs(second.body());
        assertThat(answers.hits()).isEqualTo(1);
        assertThat(third.body()).isEqualTo(first.body()).isEqualTo(json.write(body));
        assertThat(third.headers()).containsEntry("X-Consul-Index", "7").containsEntry("Content-Type", "application/json");
    }

    @Test
    void aNewAnswerAtANewIndexIsEncodedAgain() throws Exception {
        List<Instance> before = instances(3);
        encoder.encode(read(before, 7), KEY);
        ResponseEncoder.Encoded kept = encoder.encode(read(before, 7), KEY);

        List<Instance> after = instances(4);
        ResponseEncoder.Encoded changed = encoder.encode(read(after, 9), KEY);

        assertThat(changed.body()).isNotSameAs(kept.body()).isEqualTo(json.write(after));
        assertThat(changed.headers()).containsEntry("X-Consul-Index", "9");
        assertThat(answers.hits()).isZero();
    }

    @Test
    void theSameObjectAtAnotherIndexOrAnEqualObjectIsNotAHit() throws Exception {
        List<Instance> body = instances(3);
        encoder.encode(read(body, 7), KEY);
        encoder.encode(read(body, 7), KEY);

        encoder.encode(read(body, 8), KEY);
        encoder.encode(read(List.copyOf(instances(3)), 8), KEY);
        encoder.encode(read(body, 7), "/v1/health/service/web");

        assertThat(answers.hits()).isZero();
    }

    @Test
    void answersWithoutAnIndexOrNotOkAreNeverCached() {
        List<Instance> body = instances(3);
        for (int i = 0; i < 3; i++) {
            assertThat(encoder.encode(HttpResponse.json(body), KEY).cached()).isNull();
            assertThat(encoder.encode(read(body, 7).withStatus(404), KEY).cached()).isNull();
            assertThat(encoder.encode(read(body, 7), null).cached()).isNull();
        }
        assertThat(answers.hits()).isZero();
    }

    @Test
    void theGzipOfAKeptAnswerIsCompressedOnceAndInflatesToItsJson() throws Exception {
        List<Instance> body = instances(200);
        encoder.encode(read(body, 7), KEY);
        ResponseEncoder.Encoded kept = encoder.encode(read(body, 7), KEY);

        byte[] zipped = encoder.gzip(kept);

        assertThat(encoder.gzip(encoder.encode(read(body, 7), KEY))).isSameAs(zipped);
        assertThat(zipped.length).isLessThan(kept.body().length / 4);
        assertThat(gunzip(zipped)).isEqualTo(json.write(body));
    }

    @Test
    void aKeptAnswerKeepsItsHeaderFieldsEncodedForTheSameHeaders() throws Exception {
        List<Instance> body = instances(50);
        encoder.encode(read(body, 7), KEY);
        ResponseEncoder.Encoded kept = encoder.encode(read(body, 7), KEY);
        ResponseEncoder.Encoded again = encoder.encode(read(body, 7), KEY);
        ResponseEncoder.Encoded elsewhere = encoder.encode(
                HttpResponse.json(body, new QueryMeta(7, false, 120, Consistency.STALE)), KEY);

        WireHeaders wire = kept.cached().wire(kept.headers());
        assertThat(again.cached().wire(again.headers())).as("same headers: the same fields").isSameAs(wire);
        assertThat(wire.plain().get("X-Consul-Index")).isEqualTo("7");
        assertThat(wire.plain().get("X-Consul-KnownLeader")).isEqualTo("true");
        assertThat(wire.plain().get("Content-Type")).isEqualTo("application/json");
        assertThat(wire.plain().getLongField("Content-Length")).isEqualTo(kept.body().length);
        assertThat(wire.plain().size()).isEqualTo(kept.headers().size() + 1);
        int zipped = encoder.gzip(kept).length;
        assertThat(wire.gzipped(zipped).getLongField("Content-Length")).isEqualTo(zipped);
        assertThat(wire.gzipped(zipped).get("Content-Encoding")).isEqualTo("gzip");
        assertThat(wire.gzipped(zipped).get("Vary")).isEqualTo("Accept-Encoding");

        WireHeaders stale = elsewhere.cached().wire(elsewhere.headers());
        assertThat(stale).as("other headers: fields of their own").isNotSameAs(wire);
        assertThat(stale.plain().get("X-Consul-LastContact")).isEqualTo("120");
        assertThat(stale.plain().get("X-Consul-KnownLeader")).isEqualTo("false");
        assertThat(stale.plain().get("X-Consul-Effective-Consistency")).isEqualTo("stale");
    }

    @Test
    void anAnswerNotKeptIsGzippedOnTheFly() throws Exception {
        byte[] text = "[{\"Key\":\"a\"}]".repeat(200).getBytes(StandardCharsets.UTF_8);
        ResponseEncoder.Encoded plain = new ResponseEncoder.Encoded(200, Map.of(), text);
        assertThat(gunzip(encoder.gzip(plain))).isEqualTo(text);
    }

    @Test
    void gzipIsNegotiatedFromAcceptEncoding() {
        assertThat(ApiHandler.acceptsGzip(List.of("gzip"))).isTrue();
        assertThat(ApiHandler.acceptsGzip(List.of("deflate, gzip;q=1.0, br"))).isTrue();
        assertThat(ApiHandler.acceptsGzip(List.of("br", "GZIP"))).isTrue();
        assertThat(ApiHandler.acceptsGzip(List.of("gzip;q=0"))).isFalse();
        assertThat(ApiHandler.acceptsGzip(List.of("gzip; q=0.0"))).isFalse();
        assertThat(ApiHandler.acceptsGzip(List.of("deflate, br"))).isFalse();
        assertThat(ApiHandler.acceptsGzip(List.of("identity"))).isFalse();
        assertThat(ApiHandler.acceptsGzip(List.of("x-gzip-not"))).isFalse();
        assertThat(ApiHandler.acceptsGzip(List.of())).isFalse();
    }

    @Test
    void theCacheKeyIgnoresWhenToAnswerButNotWhatToAnswer() {
        assertThat(ApiHandler.cacheKey("/v1/health/service/web", "passing&index=42&wait=5m"))
                .isEqualTo(ApiHandler.cacheKey("/v1/health/service/web", "index=43&passing"))
                .isEqualTo("/v1/health/service/web?passing&");
        assertThat(ApiHandler.cacheKey("/v1/health/service/web", "tag=v1&indexes=2&waiting"))
                .isEqualTo("/v1/health/service/web?tag=v1&indexes=2&waiting&");
        assertThat(ApiHandler.cacheKey("/v1/health/service/web", null)).isEqualTo("/v1/health/service/web");
        assertThat(ApiHandler.cacheKey("/v1/health/service/web", "passing"))
                .isNotEqualTo(ApiHandler.cacheKey("/v1/health/service/web", ""));
    }

    @Test
    void pastItsByteBoundTheCacheStartsOver() throws Exception {
        EncodedAnswers small = new EncodedAnswers(64 * 1024);
        ResponseEncoder bounded = new ResponseEncoder(json, small);
        List<Instance> body = instances(100);
        for (int key = 0; key < 20; key++) {
            bounded.encode(read(body, 7), KEY + key);
            assertThat(bounded.encode(read(body, 7), KEY + key).body()).isEqualTo(json.write(body));
        }
        assertThat(small.size()).isLessThanOrEqualTo(64 * 1024);
    }

    @Test
    void pastItsEntryBoundTheCacheStartsOver() {
        EncodedAnswers few = new EncodedAnswers(1 << 20, 100);
        ResponseEncoder bounded = new ResponseEncoder(json, few);
        for (int key = 0; key < 1_000; key++) {
            bounded.encode(read(List.of("v" + key), key), "/v1/kv/key-" + key);
            assertThat(few.entries()).isLessThanOrEqualTo(100);
        }
    }

    private static byte[] gunzip(byte[] zipped) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped))) {
            return in.readAllBytes();
        }
    }
}
