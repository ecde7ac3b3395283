package io.cairn.api.filter;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpRequest;

/**
 * Consul's {@code ?filter} expressions (go-bexpr) for the common forms, evaluated against the
 * records an endpoint answers with. Selectors are their JSON names, matched to record
 * components ignoring case ({@code ServiceID} is {@code serviceId}); a dot steps into a
 * record or a map ({@code Meta.env}, {@code Service.Tags}).
 *
 * <pre>
 * expr  := and ("or" and)*
 * and   := unary ("and" unary)*
 * unary := "not" unary | "(" expr ")" | match
 * match := selector ("==" | "!=") value
 *        | value ["not"] "in" selector
 *        | selector ["not"] ("contains" | "matches") value
 *        | selector "is" ["not"] "empty"
 * value := "text" | `text` | word
 * </pre>
 *
 * A selector is checked against the record type when the filter is made, so a misspelt one
 * is a 400 even when there is nothing to filter. Plain Java, shared by every bundle that
 * answers {@code ?filter} (catalog and health in the store, the agent's own endpoints).
 *
 * @since 1.0
 */
public final class Filter {

    /** Why an expression cannot be used; the message follows Consul's endpoints' wording. */
    public static final class InvalidFilterException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidFilterException(String detail) {
            super("Failed to create boolean expression evaluator: " + detail);
        }
    }

    private final Predicate<Object> predicate;

    private Filter(Predicate<Object> predicate) {
        this.predicate = predicate;
    }

    /**
     * The request's {@code ?filter} for answers of {@code type}, parsed before anything is
     * read; empty when there is none (or it is blank).
     *
     * @throws HttpException 400 {@code Failed to create boolean expression evaluator: ...}
     */
    public static Optional<Filter> of(HttpRequest request, Class<?> type) throws HttpException {
        Optional<String> expression = request.options().filter().filter(f -> !f.isBlank());
        if (expression.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(expression.get(), type));
        } catch (InvalidFilterException e) {
            throw HttpException.badRequest(e.getMessage());
        }
    }

    /** A filter for values of {@code type}. */
    public static Filter parse(String expression, Class<?> type) throws InvalidFilterException {
        Parser parser = new Parser(tokenize(expression), type);
        Predicate<Object> predicate = parser.or();
        if (!parser.atEnd()) {
            throw new InvalidFilterException("unexpected \"" + parser.peek() + "\" in \"" + expression + "\"");
        }
        return new Filter(predicate);
    }

    public boolean matches(Object value) {
        return predicate.test(value);
    }

    /** The values that match, in order. */
    public <T> List<T> apply(List<T> values) {
        return values.stream().filter(this::matches).toList();
    }

    /** The entries whose value matches, in order (Consul filters maps such as {@code /v1/agent/services} by value). */
    public <K, V> Map<K, V> apply(Map<K, V> values) {
        Map<K, V> kept = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (matches(v)) {
                kept.put(k, v);
            }
        });
        return kept;
    }

    // ---- tokens: punctuation, quoted strings (kept with their quote), words

    private static List<String> tokenize(String expression) throws InvalidFilterException {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < expression.length()) {
            char c = expression.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                tokens.add(String.valueOf(c));
                i++;
            } else if ((c == '=' || c == '!') && i + 1 < expression.length() && expression.charAt(i + 1) == '=') {
                tokens.add(expression.substring(i, i + 2));
                i += 2;
            } else if (c == '"' || c == '`') {
                int end = i + 1;
                StringBuilder text = new StringBuilder().append('"');
                while (end < expression.length() && expression.charAt(end) != c) {
                    if (c == '"' && expression.charAt(end) == '\\' && end + 1 < expression.length()) {
                        end++;
                    }
                    text.append(expression.charAt(end++));
                }
                if (end >= expression.length()) {
                    throw new InvalidFilterException("unterminated string in \"" + expression + "\"");
                }
                tokens.add(text.toString());
                i = end + 1;
            } else {
                int end = i;
                while (end < expression.length() && !Character.isWhitespace(expression.charAt(end))
                        && "()\"`=!".indexOf(expression.charAt(end)) < 0) {
                    end++;
                }
                if (end == i) {
                    throw new InvalidFilterException("unexpected \"" + c + "\" in \"" + expression + "\"");
                }
                tokens.add(expression.substring(i, end));
                i = end;
            }
        }
        return tokens;
    }

    private static boolean isQuoted(String token) {
        return token.startsWith("\"");
    }

    private static final class Parser {
        private final List<String> tokens;
        private final Class<?> type;
        private int at;

        Parser(List<String> tokens, Class<?> type) {
            this.tokens = tokens;
            this.type = type;
        }

        boolean atEnd() {
            return at >= tokens.size();
        }

        String peek() {
            return atEnd() ? "end of expression" : tokens.get(at);
        }

        private boolean peekIs(int ahead, String word) {
            return at + ahead < tokens.size() && !isQuoted(tokens.get(at + ahead))
                    && tokens.get(at + ahead).equals(word);
        }

        private String next() throws InvalidFilterException {
            if (atEnd()) {
                throw new InvalidFilterException("unexpected end of expression");
            }
            return tokens.get(at++);
        }

        private void expect(String word) throws InvalidFilterException {
            String token = next();
            if (!token.equals(word)) {
                throw new InvalidFilterException("expected \"" + word + "\", found \"" + token + "\"");
            }
        }

        Predicate<Object> or() throws InvalidFilterException {
            Predicate<Object> left = and();
            while (peekIs(0, "or")) {
                at++;
                left = left.or(and());
            }
            return left;
        }

        private Predicate<Object> and() throws InvalidFilterException {
            Predicate<Object> left = unary();
            while (peekIs(0, "and")) {
                at++;
                left = left.and(unary());
            }
            return left;
        }

        private Predicate<Object> unary() throws InvalidFilterException {
            if (peekIs(0, "not") && !peekIs(1, "in")) {
                at++;
                return unary().negate();
            }
            if (peekIs(0, "(")) {
                at++;
                Predicate<Object> inner = or();
                expect(")");
                return inner;
            }
            return match();
        }

        private Predicate<Object> match() throws InvalidFilterException {
            // value in selector: the left side is a literal
            if (isQuoted(peek()) || peekIs(1, "in") || (peekIs(1, "not") && peekIs(2, "in"))) {
                String value = literal(next());
                boolean negated = peekIs(0, "not");
                if (negated) {
                    at++;
                }
                expect("in");
                Selector selector = selector(next());
                Predicate<Object> in = v -> contains(selector.valueOf(v), value);
                return negated ? in.negate() : in;
            }
            Selector selector = selector(next());
            String operator = next();
            switch (operator) {
                case "==" -> {
                    String value = literal(next());
                    return v -> value.equals(text(selector.valueOf(v)));
                }
                case "!=" -> {
                    String value = literal(next());
                    return v -> !value.equals(text(selector.valueOf(v)));
                }
                case "is" -> {
                    boolean negated = peekIs(0, "not");
                    if (negated) {
                        at++;
                    }
                    expect("empty");
                    Predicate<Object> empty = v -> isEmpty(selector.valueOf(v));
                    return negated ? empty.negate() : empty;
                }
                case "contains" -> {
                    String value = literal(next());
                    return v -> contains(selector.valueOf(v), value);
                }
                case "matches" -> {
                    Pattern pattern = pattern(literal(next()));
                    return v -> pattern.matcher(text(selector.valueOf(v))).find();
                }
                case "not" -> {
                    String what = next();
                    String value = literal(next());
                    if (what.equals("contains")) {
                        return v -> !contains(selector.valueOf(v), value);
                    }
                    if (what.equals("matches")) {
                        Pattern pattern = pattern(value);
                        return v -> !pattern.matcher(text(selector.valueOf(v))).find();
                    }
                    throw new InvalidFilterException("expected \"contains\" or \"matches\" after \"not\", found \""
                            + what + "\"");
                }
                default -> throw new InvalidFilterException("unknown operator \"" + operator + "\"");
            }
        }

        private static String literal(String token) {
            return isQuoted(token) ? token.substring(1) : token;
        }

        private static Pattern pattern(String regex) throws InvalidFilterException {
            try {
                return Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new InvalidFilterException("invalid regular expression \"" + regex + "\": " + e.getDescription());
            }
        }

        private Selector selector(String token) throws InvalidFilterException {
            if (isQuoted(token) || Arrays.asList("and", "or", "not", "in", "is", "(", ")").contains(token)) {
                throw new InvalidFilterException("expected a selector, found \"" + literal(token) + "\"");
            }
            List<String> path = List.of(token.split("\\.", -1));
            Type current = type;
            for (String segment : path) {
                Class<?> raw = raw(current);
                if (raw.isRecord()) {
                    Optional<RecordComponent> component = component(raw, segment);
                    if (component.isEmpty()) {
                        throw new InvalidFilterException("Selector \"" + token + "\" is not valid");
                    }
                    current = unwrapOptional(component.get().getGenericType());
                } else if (Map.class.isAssignableFrom(raw)) {
                    current = unwrapOptional(typeArgument(current, 1));
                } else {
                    throw new InvalidFilterException("Selector \"" + token + "\" is not valid");
                }
            }
            return new Selector(path);
        }
    }

    /** A path of record components and map keys, resolved on a value. */
    private record Selector(List<String> path) {
        Object valueOf(Object root) {
            Object current = root;
            for (String segment : path) {
                current = current instanceof Optional<?> o ? o.orElse(null) : current;
                if (current == null) {
                    return null;
                }
                if (current instanceof Map<?, ?> map) {
                    current = map.get(segment);
                } else {
                    RecordComponent component = component(current.getClass(), segment).orElseThrow();
                    try {
                        current = component.getAccessor().invoke(current);
                    } catch (IllegalAccessException | InvocationTargetException e) {
                        throw new IllegalStateException("cannot read " + segment + " of " + current.getClass(), e);
                    }
                }
            }
            return current instanceof Optional<?> o ? o.orElse(null) : current;
        }
    }

    private static Optional<RecordComponent> component(Class<?> record, String name) {
        return Arrays.stream(record.getRecordComponents()).filter(c -> c.getName().equalsIgnoreCase(name)).findFirst();
    }

    private static Type unwrapOptional(Type type) {
        return raw(type) == Optional.class ? typeArgument(type, 0) : type;
    }

    private static Type typeArgument(Type type, int index) {
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : Object.class;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : Object.class;
    }

    /** A value as the expression compares it: enums by their wire name, null as "". */
    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static boolean isEmpty(Object value) {
        return value == null
                || value instanceof Collection<?> c && c.isEmpty()
                || value instanceof Map<?, ?> m && m.isEmpty()
                || value.toString().isEmpty();
    }

    /** A list holds the element, a map the key, a text the substring. */
    private static boolean contains(Object container, String value) {
        if (container instanceof Collection<?> c) {
            return c.stream().anyMatch(e -> value.equals(text(e)));
        }
        if (container instanceof Map<?, ?> m) {
            return m.containsKey(value);
        }
        return container != null && text(container).contains(value);
    }
}
