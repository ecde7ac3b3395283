package io.cairn.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.cairn.api.http.HttpException;

class JsonCodecTest {

    record Check(String checkId, String ttl, String http, boolean tlsSkipVerify) {
    }

    record ServiceRegistration(String id, String name, List<String> tags, int port,
                               boolean enableTagOverride, Map<String, String> meta, Check check) {
    }

    record KvEntry(long lockIndex, String key, long flags, byte[] value, Optional<String> session,
                   long createIndex, long modifyIndex) {
    }

    /** A bean rather than a record: setters are matched the same way. */
    public static final class Session {
        private String lockDelay;
        private String behavior;

        public String getLockDelay() {
            return lockDelay;
        }

        public void setLockDelay(String lockDelay) {
            this.lockDelay = lockDelay;
        }

        public String getBehavior() {
            return behavior;
        }

        public void setBehavior(String behavior) {
            this.behavior = behavior;
        }
    }

    private final JsonCodec json = new JsonCodec();

    private <T> T read(String text, Class<T> type) throws HttpException {
        return json.read(text.getBytes(StandardCharsets.UTF_8), type);
    }

    private String write(Object value) throws Exception {
        return new String(json.write(value), StandardCharsets.UTF_8);
    }

    @Test
    void bindsPascalCaseAsGoClientsSendIt() throws HttpException {
        ServiceRegistration service = read("""
                {"ID":"web-1","Name":"web","Tags":["v1"],"Port":80,"EnableTagOverride":true,
                 "Meta":{"env":"prod"},"Check":{"CheckID":"c","TTL":"30s","HTTP":"http://x","TLSSkipVerify":true}}""",
                ServiceRegistration.class);
        assertThat(service).usingRecursiveComparison().isEqualTo(new ServiceRegistration("web-1", "web",
                List.of("v1"), 80, true, Map.of("env", "prod"), new Check("c", "30s", "http://x", true)));
    }

    @Test
    void bindsAnyCaseAndSnakeCase() throws HttpException {
        ServiceRegistration service = read("""
                {"id":"web-1","NAME":"web","port":80,"enable_tag_override":true,
                 "meta":{"Some_Key":"v"},"check":{"check_id":"c","ttl":"30s","tls_skip_verify":true},
                 "unknown":{"ignored":1}}""", ServiceRegistration.class);
        assertThat(service.id()).isEqualTo("web-1");
        assertThat(service.name()).isEqualTo("web");
        assertThat(service.enableTagOverride()).isTrue();
        assertThat(service.meta()).containsExactly(Map.entry("Some_Key", "v"));
        assertThat(service.check()).isEqualTo(new Check("c", "30s", null, true));

        assertThat(read("{\"lockdelay\":\"15s\",\"Behavior\":\"delete\"}", Session.class))
                .extracting(Session::getLockDelay, Session::getBehavior).containsExactly("15s", "delete");
        assertThat(read("{\"lock_delay\":\"15s\"}", Session.class).getLockDelay()).isEqualTo("15s");
    }

    @Test
    void badJsonIsABadRequestWithTheDecodersMessage() {
        assertThatThrownBy(() -> read("{\"Name\":", ServiceRegistration.class))
                .isInstanceOf(HttpException.class)
                .hasMessageStartingWith("Request decode failed: ")
                .extracting(e -> ((HttpException) e).status()).isEqualTo(400);
        assertThatThrownBy(() -> read("{\"Port\":\"eighty\"}", ServiceRegistration.class))
                .isInstanceOf(HttpException.class)
                .hasMessageStartingWith("Request decode failed: ");
    }

    @Test
    void writesConsulShapes() throws Exception {
        assertThat(write(new KvEntry(0, "a/b", 0, "hi".getBytes(StandardCharsets.UTF_8), Optional.empty(), 5, 7)))
                .isEqualTo("{\"LockIndex\":0,\"Key\":\"a/b\",\"Flags\":0,\"Value\":\"aGk=\","
                        + "\"CreateIndex\":5,\"ModifyIndex\":7}");
        assertThat(write(new KvEntry(1, "k", 0, null, Optional.of("s-1"), 1, 1)))
                .contains("\"Value\":null", "\"Session\":\"s-1\"");
        assertThat(write(new ServiceRegistration("w", "w", List.of(), 0, false, Map.of("snake_key", "v"), null)))
                .contains("\"ID\":\"w\"", "\"Tags\":[]", "\"Meta\":{\"snake_key\":\"v\"}", "\"Check\":null");
        assertThat(write(Map.of("web", List.of("v1")))).isEqualTo("{\"web\":[\"v1\"]}");
    }
}
