package io.cairn.membership;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.SecretKey;

/**
 * A pool's gossip keys, as memberlist keeps them: the primary key seals every message, every
 * installed key is tried to open one, so a new key can be installed everywhere, made primary,
 * and the old one removed, without a member ever failing to read another.
 *
 * <p>Persisted, when given a file, as Consul's {@code serf/local.keyring}: a JSON array of the
 * base64 keys, primary first; rewritten after every change.
 *
 * <p>Thread-safe: the sealing and opening threads read an immutable snapshot.
 */
public final class Keyring {

    static final String NOT_INSTALLED = "Requested key is not in the keyring";
    static final String REMOVE_PRIMARY = "Removing the primary key is not allowed";

    /** The keys, primary first; the same keys decoded. Replaced whole on every change. */
    private record State(List<String> encoded, List<SecretKey> keys) {
    }

    private final Optional<Path> file;
    private volatile State state;

    private Keyring(List<String> keys, Optional<Path> file) {
        this.file = file;
        this.state = state(keys);
    }

    /** A keyring of these keys (primary first), not persisted. */
    public static Keyring of(List<String> keys) {
        return new Keyring(keys, Optional.empty());
    }

    /**
     * The keyring of a pool with gossip encryption: the keys persisted in {@code file} when it
     * exists (what a rotation left, which wins over {@code encrypt}, as in Consul), else
     * {@code encrypt}, written to the file. Empty when neither is there: no encryption.
     */
    public static Optional<Keyring> load(Path file, Optional<String> encrypt) throws IOException {
        if (Files.exists(file)) {
            List<String> keys = parse(Files.readString(file, StandardCharsets.UTF_8));
            if (keys.isEmpty()) {
                throw new IOException(file + ": no key in the keyring file");
            }
            return Optional.of(new Keyring(keys, Optional.of(file)));
        }
        if (encrypt.isEmpty()) {
            return Optional.empty();
        }
        Keyring keyring = new Keyring(List.of(encrypt.get().trim()), Optional.of(file));
        keyring.save(keyring.state);
        return Optional.of(keyring);
    }

    /** Whether the file holds a keyring that will override {@code encrypt}. */
    public static boolean exists(Path file) {
        return Files.exists(file);
    }

    private static State state(List<String> encoded) {
        if (encoded.isEmpty()) {
            throw new IllegalArgumentException("a keyring holds at least one key");
        }
        List<SecretKey> keys = new ArrayList<>();
        for (String key : encoded) {
            keys.add(GossipKey.parse(key));
        }
        return new State(List.copyOf(encoded), List.copyOf(keys));
    }

    /** The key every message is sealed with. */
    public SecretKey primary() {
        return state.keys().get(0);
    }

    /** Every installed key, primary first: the order messages are tried in. */
    public List<SecretKey> keys() {
        return state.keys();
    }

    public String primaryEncoded() {
        return state.encoded().get(0);
    }

    /** The installed keys in base64, primary first. */
    public List<String> encoded() {
        return state.encoded();
    }

    /** Adds a key (no-op when installed); it opens messages at once, seals none until used. */
    public synchronized void install(String key) {
        String k = canonical(key);
        if (state.encoded().contains(k)) {
            return;
        }
        List<String> keys = new ArrayList<>(state.encoded());
        keys.add(k);
        change(keys);
    }

    /** Makes an installed key the primary one. */
    public synchronized void use(String key) {
        String k = canonical(key);
        if (!state.encoded().contains(k)) {
            throw new IllegalArgumentException(NOT_INSTALLED);
        }
        List<String> keys = new ArrayList<>(state.encoded());
        keys.remove(k);
        keys.add(0, k);
        change(keys);
    }

    /** Removes a key that is not the primary one (no-op when not installed). */
    public synchronized void remove(String key) {
        String k = canonical(key);
        if (state.encoded().get(0).equals(k)) {
            throw new IllegalArgumentException(REMOVE_PRIMARY);
        }
        if (!state.encoded().contains(k)) {
            return;
        }
        List<String> keys = new ArrayList<>(state.encoded());
        keys.remove(k);
        change(keys);
    }

    /** The key in its canonical base64 form, checked: an AES key of 16, 24 or 32 bytes. */
    private static String canonical(String key) {
        return Base64.getEncoder().encodeToString(GossipKey.parse(key).getEncoded());
    }

    private void change(List<String> keys) {
        State next = state(keys);
        save(next);
        state = next;
    }

    private void save(State s) {
        if (file.isEmpty()) {
            return;
        }
        Path path = file.get();
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
            Files.writeString(tmp, json(s.encoded()), StandardCharsets.UTF_8);
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the keyring to " + path, e);
        }
    }

    static String json(List<String> keys) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < keys.size(); i++) {
            out.append(i == 0 ? "\n  \"" : ",\n  \"").append(keys.get(i)).append('"');
        }
        return out.append("\n]\n").toString();
    }

    private static final Pattern STRING = Pattern.compile("\"([A-Za-z0-9+/=]*)\"");

    /** A JSON array of base64 strings (all a keyring file holds). */
    static List<String> parse(String json) throws IOException {
        String trimmed = json.trim();
        if (!trimmed.startsWith("[") || !trimmed.endsWith("]")) {
            throw new IOException("a keyring file is a JSON array of base64 keys");
        }
        List<String> keys = new ArrayList<>();
        Matcher m = STRING.matcher(trimmed);
        while (m.find()) {
            keys.add(m.group(1));
        }
        for (String key : keys) {
            try {
                GossipKey.parse(key);
            } catch (IllegalArgumentException e) {
                throw new IOException("keyring file: " + e.getMessage());
            }
        }
        return keys;
    }
}
