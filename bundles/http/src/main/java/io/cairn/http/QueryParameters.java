package io.cairn.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.cairn.api.http.HttpException;

/** A decoded query string, read the way Go's {@code url.ParseQuery} reads it. */
public final class QueryParameters {

    public static final QueryParameters NONE = new QueryParameters(Map.of());

    private final Map<String, List<String>> values;

    private QueryParameters(Map<String, List<String>> values) {
        this.values = values;
    }

    /**
     * Parses a raw query ({@code a=1&b&c=x%2Fy}); a name without {@code =} has the value "".
     *
     * @throws HttpException 400 when an escape is malformed
     */
    public static QueryParameters parse(String rawQuery) throws HttpException {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return NONE;
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        values.replaceAll((name, list) -> List.copyOf(list));
        return new QueryParameters(values);
    }

    public Optional<String> first(String name) {
        List<String> list = values.get(name);
        return list == null ? Optional.empty() : Optional.of(list.get(0));
    }

    /** The first value, or empty when the parameter is absent or has no value. */
    public Optional<String> nonEmpty(String name) {
        return first(name).filter(value -> !value.isEmpty());
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /**
     * A Consul flag: absent is false, present without a value ({@code ?stale}) is true, else
     * the value read as Go's {@code strconv.ParseBool}.
     *
     * @throws HttpException 400 when the value is not a boolean
     */
    public boolean flag(String name) throws HttpException {
        Optional<String> value = first(name);
        if (value.isEmpty()) {
            return false;
        }
        if (value.get().isEmpty()) {
            return true;
        }
        return GoSyntax.parseBool(value.get())
                .orElseThrow(() -> HttpException.badRequest("Invalid value for ?" + name + ": " + value.get()));
    }

    private static String decode(String text) throws HttpException {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw HttpException.badRequest("Invalid query: " + e.getMessage());
        }
    }
}
