package io.cairn.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cairn.format.KvOutput;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn kv get|put|delete|export|import}: Consul's KV commands, with Consul's output. */
@Command(name = "kv", description = "Interact with the key-value store",
        subcommands = {KvCommand.Get.class, KvCommand.Put.class, KvCommand.Delete.class, KvCommand.Export.class,
                KvCommand.Import.class})
final class KvCommand implements Runnable {

    @Override
    public void run() {
        CommandLine.usage(this, System.err);
    }

    @Command(name = "get", description = "Retrieves the value at a key, or the keys and values under a prefix")
    static final class Get implements Callable<Integer> {
        @Mixin
        HttpOptions http;
        @Option(names = "-recurse", description = "Every key under the prefix, as key:value lines")
        boolean recurse;
        @Option(names = "-keys", description = "List the keys under the prefix, up to the separator")
        boolean keys;
        @Option(names = "-separator", description = "With -keys, where keys are cut (default /)", defaultValue = "/")
        String separator;
        @Option(names = "-detailed", description = "Show the entry's fields")
        boolean detailed;
        @Option(names = "-base64", description = "Show values base64-encoded")
        boolean base64;
        @Parameters(index = "0", arity = "0..1", defaultValue = "")
        String key;

        @Override
        public Integer call() throws CliException, IOException {
            AgentClient client = http.client();
            if (keys) {
                Map<String, String> query = new LinkedHashMap<>();
                query.put("keys", null);
                if (!separator.isEmpty()) {
                    query.put("separator", separator);
                }
                AgentClient.Reply reply = client.get(kvPath(key), query);
                if (reply.status() != 404) {
                    AgentClient.expectOk(reply, "querying Consul agent");
                    reply.json().forEach(k -> System.out.println(k.asText()));
                }
                return 0;
            }
            if (recurse) {
                AgentClient.Reply reply = client.get(kvPath(key), Map.of("recurse", ""));
                if (reply.status() != 404) {
                    AgentClient.expectOk(reply, "querying Consul agent");
                    for (JsonNode entry : reply.json()) {
                        System.out.println(detailed ? detailed(entry, base64) : KvOutput.entry(entry.get("Key").asText(), value(entry, base64)));
                    }
                }
                return 0;
            }
            if (key.isEmpty()) {
                throw new CliException("Error! Missing KEY argument");
            }
            AgentClient.Reply reply = client.get(kvPath(key), Map.of());
            if (reply.status() == 404) {
                throw new CliException(KvOutput.noKey(key));
            }
            JsonNode entry = AgentClient.expectOk(reply, "querying Consul agent").json().get(0);
            System.out.println(detailed ? detailed(entry, base64) : value(entry, base64));
            return 0;
        }
    }

    @Command(name = "put", description = "Sets the value at a key")
    static final class Put implements Callable<Integer> {
        @Mixin
        HttpOptions http;
        @Option(names = "-cas", description = "Write only if the key's ModifyIndex is -modify-index (0: only if absent)")
        boolean cas;
        @Option(names = "-modify-index", description = "The ModifyIndex -cas compares with", defaultValue = "0")
        long modifyIndex;
        @Option(names = "-flags", description = "Opaque unsigned integer stored with the value", defaultValue = "0")
        String flags;
        @Option(names = "-acquire", description = "Take the key's lock for -session")
        boolean acquire;
        @Option(names = "-release", description = "Let go of the key's lock held by -session")
        boolean release;
        @Option(names = "-session", description = "The session for -acquire and -release")
        String session;
        @Option(names = "-base64", description = "The value is base64-encoded")
        boolean base64;
        @Parameters(index = "0")
        String key;
        @Parameters(index = "1", arity = "0..1", description = "The value, @file to read a file, - to read stdin")
        String data;

        @Override
        public Integer call() throws CliException, IOException {
            if ((acquire || release) && (session == null || session.isEmpty())) {
                throw new CliException("Error! Missing -session (required with -acquire and -release)");
            }
            byte[] value = data == null ? new byte[0] : readData(data, () -> System.in);
            if (base64) {
                try {
                    value = Base64.getDecoder().decode(new String(value, StandardCharsets.UTF_8).trim());
                } catch (IllegalArgumentException e) {
                    throw new CliException("Error! Cannot base 64 decode data: " + e.getMessage());
                }
            }
            Map<String, String> query = new LinkedHashMap<>();
            query.put("flags", flags);
            if (cas) {
                query.put("cas", Long.toString(modifyIndex));
            }
            if (acquire) {
                query.put("acquire", session);
            }
            if (release) {
                query.put("release", session);
            }
            AgentClient.Reply reply = AgentClient.expectOk(http.client().put(kvPath(key), query, value),
                    "writing to " + key);
            boolean written = reply.json().asBoolean();
            if (acquire) {
                return report(written, "Success! Lock acquired on: " + key, "Error! Did not acquire lock");
            }
            if (release) {
                return report(written, "Success! Lock released on: " + key, "Error! Did not release lock");
            }
            if (cas) {
                return report(written, KvOutput.written(key), "Error! Did not write to " + key + ": CAS failed");
            }
            System.out.println(KvOutput.written(key));
            return 0;
        }
    }

    @Command(name = "delete", description = "Removes the key, or with -recurse every key under a prefix")
    static final class Delete implements Callable<Integer> {
        @Mixin
        HttpOptions http;
        @Option(names = "-recurse", description = "Delete every key under the prefix")
        boolean recurse;
        @Option(names = "-cas", description = "Delete only if the key's ModifyIndex is -modify-index")
        boolean cas;
        @Option(names = "-modify-index", description = "The ModifyIndex -cas compares with", defaultValue = "0")
        long modifyIndex;
        @Parameters(index = "0", arity = "0..1", defaultValue = "")
        String key;

        @Override
        public Integer call() throws CliException, IOException {
            if (key.isEmpty() && !recurse) {
                throw new CliException("Error! Missing KEY argument");
            }
            if (cas && recurse) {
                throw new CliException("Cannot specify both -cas and -recurse!");
            }
            Map<String, String> query = new LinkedHashMap<>();
            if (recurse) {
                query.put("recurse", null);
            }
            if (cas) {
                query.put("cas", Long.toString(modifyIndex));
            }
            AgentClient.Reply reply = AgentClient.expectOk(http.client().delete(kvPath(key), query),
                    "deleting " + key);
            if (recurse) {
                System.out.println("Success! Deleted keys with prefix: " + key);
                return 0;
            }
            return report(reply.json().asBoolean(), "Success! Deleted key: " + key,
                    "Error! Did not delete key " + key + ": CAS failed");
        }
    }

    @Command(name = "export", description = "Exports the keys under a prefix as JSON")
    static final class Export implements Callable<Integer> {
        @Mixin
        HttpOptions http;
        @Parameters(index = "0", arity = "0..1", defaultValue = "")
        String prefix;

        @Override
        public Integer call() throws CliException, IOException {
            AgentClient.Reply reply = http.client().get(kvPath(prefix), Map.of("recurse", ""));
            ArrayNode exported = AgentClient.JSON.createArrayNode();
            if (reply.status() != 404) {
                for (JsonNode entry : AgentClient.expectOk(reply, "querying Consul agent").json()) {
                    ObjectNode e = exported.addObject();
                    e.put("key", entry.get("Key").asText());
                    e.put("flags", entry.get("Flags").asLong());
                    e.put("value", entry.get("Value").isNull() ? "" : entry.get("Value").asText());
                }
            }
            // Consul indents with tabs
            DefaultIndenter tabs = new DefaultIndenter("\t", "\n");
            System.out.println(AgentClient.JSON.writer(new DefaultPrettyPrinter()
                    .withObjectIndenter(tabs).withArrayIndenter(tabs)).writeValueAsString(exported));
            return 0;
        }
    }

    @Command(name = "import", description = "Imports what kv export wrote (from an argument, @file, - or stdin)")
    static final class Import implements Callable<Integer> {
        @Mixin
        HttpOptions http;
        @Parameters(index = "0", arity = "0..1", defaultValue = "-")
        String data;

        @Override
        public Integer call() throws CliException, IOException {
            JsonNode entries;
            try {
                entries = AgentClient.JSON.readTree(readData(data, () -> System.in));
            } catch (IOException e) {
                throw new CliException("Error! Cannot unmarshal data: " + e.getMessage());
            }
            AgentClient client = http.client();
            for (JsonNode entry : entries) {
                String key = entry.path("key").asText();
                byte[] value;
                try {
                    value = Base64.getDecoder().decode(entry.path("value").asText());
                } catch (IllegalArgumentException e) {
                    throw new CliException("Error! Cannot base 64 decode value for " + key + ": " + e.getMessage());
                }
                AgentClient.expectOk(client.put(kvPath(key), Map.of("flags", Long.toUnsignedString(entry.path("flags").asLong())),
                        value), "importing " + key);
                System.out.println("Imported: " + key);
            }
            return 0;
        }
    }

    private static int report(boolean ok, String success, String failure) throws CliException {
        if (!ok) {
            throw new CliException(failure);
        }
        System.out.println(success);
        return 0;
    }

    /** Consul's CLI data argument: the text itself, {@code @file} for a file's bytes, {@code -} for stdin. */
    static byte[] readData(String data, Supplier<InputStream> stdin) throws CliException, IOException {
        if (data.equals("-")) {
            return stdin.get().readAllBytes();
        }
        if (data.startsWith("@")) {
            try {
                return Files.readAllBytes(Path.of(data.substring(1)));
            } catch (IOException e) {
                throw new CliException("Failed to read file: " + e.getMessage());
            }
        }
        return data.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code /v1/kv/} and the key, each segment escaped, the slashes kept. */
    static String kvPath(String key) {
        List<String> segments = new ArrayList<>();
        for (String segment : key.split("/", -1)) {
            segments.add(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return "/v1/kv/" + String.join("/", segments);
    }

    private static String value(JsonNode entry, boolean base64) {
        JsonNode v = entry.get("Value");
        if (v == null || v.isNull()) {
            return "";
        }
        return base64 ? v.asText() : new String(Base64.getDecoder().decode(v.asText()), StandardCharsets.UTF_8);
    }

    /** Consul's {@code -detailed}: one field a line, names padded to a column (tabwriter, padding 6). */
    static String detailed(JsonNode entry, boolean base64) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("CreateIndex", entry.path("CreateIndex").asText());
        fields.put("Flags", Long.toUnsignedString(entry.path("Flags").asLong()));
        fields.put("Key", entry.path("Key").asText());
        fields.put("LockIndex", entry.path("LockIndex").asText());
        fields.put("ModifyIndex", entry.path("ModifyIndex").asText());
        fields.put("Session", entry.hasNonNull("Session") ? entry.get("Session").asText() : "-");
        fields.put("Value", value(entry, base64));
        StringBuilder out = new StringBuilder();
        fields.forEach((name, v) -> out.append(String.format("%-17s%s%n", name, v)));
        return out.toString().stripTrailing();
    }
}
