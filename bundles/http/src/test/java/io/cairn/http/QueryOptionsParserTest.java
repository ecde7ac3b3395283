package io.cairn.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.cairn.api.http.Consistency;
import io.cairn.api.http.HttpException;
import io.cairn.api.http.QueryOptions;

class QueryOptionsParserTest {

    /** Jitter is always its largest value, so tests see it. */
    private final QueryOptionsParser parser = new QueryOptionsParser(bound -> bound - 1);

    private QueryOptions parse(String query) throws HttpException {
        return parse(query, Map.of());
    }

    private QueryOptions parse(String query, Map<String, String> headers) throws HttpException {
        return parser.parse(QueryParameters.parse(query), headers::get);
    }

    @Test
    void nothingGivenMeansDefaults() throws HttpException {
        QueryOptions options = parse("");
        assertThat(options.datacenter()).isEmpty();
        assertThat(options.token()).isEmpty();
        assertThat(options.consistency()).isEqualTo(Consistency.DEFAULT);
        assertThat(options.minIndex()).isZero();
        assertThat(options.blocking()).isFalse();
        assertThat(options.maxWait()).isEqualTo(Duration.ofMinutes(5));
        assertThat(options.filter()).isEmpty();
        assertThat(options.near()).isEmpty();
        assertThat(options.nodeMeta()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "stale, STALE", "stale=, STALE", "stale=true, STALE", "stale=1, STALE", "stale=T, STALE",
            "stale=false, DEFAULT", "stale=0, DEFAULT", "stale=False, DEFAULT",
            "consistent, CONSISTENT", "consistent=1, CONSISTENT", "consistent=True, CONSISTENT",
            "consistent=f, DEFAULT", "stale=false&consistent, CONSISTENT"})
    void consistencyFlags(String query, Consistency expected) throws HttpException {
        assertThat(parse(query).consistency()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stale&consistent", "stale=1&consistent=true", "consistent&stale="})
    void staleWithConsistentConflicts(String query) {
        assertThatThrownBy(() -> parse(query)).isInstanceOf(HttpException.class)
                .hasMessage("Cannot specify ?stale with ?consistent, conflicting semantics.")
                .extracting(e -> ((HttpException) e).status()).isEqualTo(400);
    }

    @Test
    void flagWithANonBooleanValueIsABadRequest() {
        assertThatThrownBy(() -> parse("stale=yes")).isInstanceOf(HttpException.class)
                .hasMessage("Invalid value for ?stale: yes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "abc", "1.5", "+3", "18446744073709551616", "99999999999999999999", " 1"})
    void badIndex(String index) {
        assertThatThrownBy(() -> parse("index=" + index.replace(" ", "%20")))
                .isInstanceOf(HttpException.class).hasMessage("Invalid index")
                .extracting(e -> ((HttpException) e).status()).isEqualTo(400);
    }

    @Test
    void indexIsUnsignedSixtyFourBits() throws HttpException {
        QueryOptions options = parse("index=18446744073709551615");
        assertThat(Long.toUnsignedString(options.minIndex())).isEqualTo("18446744073709551615");
        assertThat(options.blocking()).isTrue();
    }

    @Test
    void indexAboveZeroBlocksAndAddsJitterToTheWait() throws HttpException {
        QueryOptions options = parse("index=42&wait=16s");
        assertThat(options.minIndex()).isEqualTo(42);
        assertThat(options.blocking()).isTrue();
        // up to wait/16 more
        assertThat(options.maxWait()).isEqualTo(Duration.ofSeconds(17).minusNanos(1));
        assertThat(parse("index=0&wait=16s").maxWait()).isEqualTo(Duration.ofSeconds(16));
    }

    @ParameterizedTest
    @CsvSource({
            "9.98s, PT9.98S", "1ms, PT0.001S", "90m, PT10M", "1h, PT10M", "1m30s, PT1M30S",
            "10m, PT10M", "0s, PT5M", "-1s, PT5M"})
    void waitIsGoDurationDefaultedAndCapped(String wait, String expected) throws HttpException {
        assertThat(parse("wait=" + wait).maxWait()).isEqualTo(Duration.parse(expected));
    }

    @Test
    void badWait() {
        assertThatThrownBy(() -> parse("wait=10")).isInstanceOf(HttpException.class)
                .hasMessage("Invalid wait time");
    }

    @Test
    void tokenFromQueryThenConsulHeaderThenBearer() throws HttpException {
        assertThat(parse("token=q", Map.of("X-Consul-Token", "h", "Authorization", "Bearer b")).token())
                .contains("q");
        assertThat(parse("", Map.of("X-Consul-Token", "h", "Authorization", "Bearer b")).token())
                .contains("h");
        assertThat(parse("", Map.of("Authorization", "bearer  b")).token()).contains("b");
        assertThat(parse("", Map.of("Authorization", "Basic dXNlcjpwYXNz")).token()).isEmpty();
    }

    @Test
    void datacenterFilterNearAndNodeMeta() throws HttpException {
        QueryOptions options = parse("dc=dc2&filter=Service%20%3D%3D%20%22web%22&near=_agent"
                + "&node-meta=rack:r1&node-meta=env:prod&node-meta=bare");
        assertThat(options.datacenter()).contains("dc2");
        assertThat(options.filter()).contains("Service == \"web\"");
        assertThat(options.near()).contains("_agent");
        assertThat(options.nodeMeta()).isEqualTo(Map.of("rack", "r1", "env", "prod", "bare", ""));
    }

    @Test
    void queryParametersKeepRepeatsAndValueLessNames() throws HttpException {
        QueryParameters query = QueryParameters.parse("tag=a&tag=b+c&recurse&passing=false");
        assertThat(query.all("tag")).containsExactly("a", "b c");
        assertThat(query.first("recurse")).isEqualTo(Optional.of(""));
        assertThat(query.flag("recurse")).isTrue();
        assertThat(query.flag("passing")).isFalse();
        assertThat(query.flag("absent")).isFalse();
        assertThatThrownBy(() -> QueryParameters.parse("a=%zz")).isInstanceOf(HttpException.class);
    }
}
