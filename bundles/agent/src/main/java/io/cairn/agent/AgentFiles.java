package io.cairn.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * What the agent keeps in its data dir so a restart changes nothing a user can see: services
 * and checks registered over HTTP (config-file ones come back from the files), and the last
 * status of each TTL check with when it expires, and maintenance mode (Consul's
 * {@code services/}, {@code checks/}, {@code checks/state/}). One JSON file per entry, named by a hash of its id, written
 * atomically.
 */
public final class AgentFiles {

    private static final Logger LOG = LoggerFactory.getLogger(AgentFiles.class);

    /** A TTL check's last reported status and the instant it stops counting (epoch ms). */
    public record TtlState(String checkId, String status, String output, long expiresAtMillis) {
    }

    /**
     * Maintenance mode of the node ({@code serviceId} empty) or of one service, with the reason
     * given (empty for none): Consul keeps it as a check in its local state, so it outlives a restart.
     */
    public record Maintenance(String checkId, String serviceId, String reason) {
    }

    private final ObjectMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private final Path services;
    private final Path checks;
    private final Path ttlStates;
    private final Path maintenance;

    public AgentFiles(Path dataDir) {
        Path root = dataDir.resolve("agent");
        this.services = root.resolve("services");
        this.checks = root.resolve("checks");
        this.ttlStates = root.resolve("check-state");
        this.maintenance = root.resolve("maintenance");
    }

    public void saveService(AgentServiceRegistration service) {
        write(services, service.id(), service);
    }

    public void deleteService(String id) {
        delete(services, id);
    }

    public List<AgentServiceRegistration> services() {
        return readAll(services, AgentServiceRegistration.class);
    }

    public void saveCheck(AgentCheckRegistration check) {
        write(checks, check.id(), check);
    }

    /** Forgets everything kept about a check: its registration, TTL state and maintenance entry. */
    public void deleteCheck(String id) {
        delete(checks, id);
        delete(ttlStates, id);
        delete(maintenance, id);
    }

    public List<AgentCheckRegistration> checks() {
        return readAll(checks, AgentCheckRegistration.class);
    }

    public void saveTtl(TtlState state) {
        write(ttlStates, state.checkId(), state);
    }

    public Optional<TtlState> ttl(String checkId) {
        Path file = ttlStates.resolve(fileName(checkId));
        return Files.exists(file) ? read(file, TtlState.class) : Optional.empty();
    }

    public void saveMaintenance(Maintenance entry) {
        write(maintenance, entry.checkId(), entry);
    }

    public List<Maintenance> maintenance() {
        return readAll(maintenance, Maintenance.class);
    }

    private void write(Path dir, String id, Object value) {
        try {
            Files.createDirectories(dir);
            Path target = dir.resolve(fileName(id));
            Path temp = dir.resolve(fileName(id) + ".tmp");
            Files.write(temp, json.writeValueAsBytes(value));
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("failed persisting " + id + " in " + dir, e);
        }
    }

    private static void delete(Path dir, String id) {
        try {
            Files.deleteIfExists(dir.resolve(fileName(id)));
        } catch (IOException e) {
            throw new UncheckedIOException("failed removing " + id + " from " + dir, e);
        }
    }

    private <T> List<T> readAll(Path dir, Class<T> type) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<T> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted()
                    .forEach(f -> read(f, type).ifPresent(all::add));
        } catch (IOException e) {
            throw new UncheckedIOException("failed listing " + dir, e);
        }
        return all;
    }

    /** A file that cannot be read is skipped with a warning: one bad file must not keep the agent down. */
    private <T> Optional<T> read(Path file, Class<T> type) {
        try {
            return Optional.of(json.readValue(file.toFile(), type));
        } catch (IOException e) {
            LOG.warn("Ignoring unreadable {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    private static String fileName(String id) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(id.getBytes(StandardCharsets.UTF_8))) + ".json";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
