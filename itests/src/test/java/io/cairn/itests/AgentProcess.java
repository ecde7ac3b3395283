package io.cairn.itests;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One agent started from the built distribution ({@code bin/cairn agent ...}) as a user
 * would start it, with its output captured; stopped with SIGTERM, or killed.
 */
final class AgentProcess implements AutoCloseable {

    static final Path HOME = Path.of(System.getProperty("cairn.home", "../karaf-distro/target/assembly"))
            .toAbsolutePath().normalize();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final String httpAddress;

    private AgentProcess(Process process, String httpAddress) {
        this.process = process;
        this.httpAddress = httpAddress;
        Thread pump = new Thread(this::pump, "agent-output");
        pump.setDaemon(true);
        pump.start();
    }

    /** Starts {@code cairn agent} with the given flags; {@code httpAddress} is where its API answers. */
    static AgentProcess start(String httpAddress, String... flags) throws IOException {
        return start(httpAddress, Map.of(), flags);
    }

    /** As {@link #start(String, String...)}, with extra environment variables. */
    static AgentProcess start(String httpAddress, Map<String, String> env, String... flags) throws IOException {
        List<String> command = new ArrayList<>(List.of(HOME.resolve("bin/cairn").toString(), "agent"));
        command.addAll(List.of(flags));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("CAIRN_MAX_MEM", "192m");
        pb.environment().putAll(env);
        return new AgentProcess(pb.start(), httpAddress);
    }

    /** Runs a {@code cairn} command line to completion and returns its exit code and output. */
    static CommandResult cli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(HOME.resolve("bin/cairn").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new CommandResult(p.waitFor(), out);
    }

    record CommandResult(int exitCode, String output) {
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                output.append(line).append('\n');
            }
        } catch (IOException e) {
            // the process went away; what it said is kept
        }
    }

    String output() {
        return output.toString();
    }

    Process process() {
        return process;
    }

    /** Waits until the agent says it is running, failing with its output if it dies first. */
    AgentProcess awaitRunning() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("agent exited with " + process.exitValue() + ":\n" + output());
            }
            return output().contains("==> Cairn agent running!");
        });
        return this;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    HttpResponse<String> put(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The members of this agent's LAN pool as {@code /v1/agent/members} lists them: name → numeric Status (1 alive, 3 left, 4 failed). */
    Map<String, Integer> memberStatuses() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/v1/agent/members");
        if (response.statusCode() != 200) {
            throw new AssertionError("/v1/agent/members answered " + response.statusCode() + ": " + response.body());
        }
        Map<String, Integer> statuses = new TreeMap<>();
        for (JsonNode member : JSON.readTree(response.body())) {
            statuses.put(member.get("Name").asText(), member.get("Status").asInt());
        }
        return statuses;
    }

    private URI uri(String path) {
        return URI.create("http://" + httpAddress + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** SIGTERM, then waits for the exit. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("agent did not stop on SIGTERM within 30 s:\n" + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }

    static Path tempDataDir(String name) throws IOException {
        return Files.createTempDirectory("cairn-it-" + name);
    }
}
