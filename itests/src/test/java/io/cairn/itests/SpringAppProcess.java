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
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Spring Cloud Consul test application ({@code itests/spring-app}) run as its users run
 * it, {@code java -jar}, in its own JVM, with its output captured; asked over its REST probe.
 */
final class SpringAppProcess implements AutoCloseable {

    static final Path JAR = Path.of(System.getProperty("spring.app.jar", "spring-app/target/cairn-spring-app.jar"))
            .toAbsolutePath().normalize();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final String name;
    private final String httpAddress;
    private final StringBuffer output = new StringBuffer();

    private SpringAppProcess(Process process, String name, String httpAddress) {
        this.process = process;
        this.name = name;
        this.httpAddress = httpAddress;
        Thread pump = new Thread(this::pump, name + "-output");
        pump.setDaemon(true);
        pump.start();
    }

    /** {@code java -jar cairn-spring-app.jar --server.address=.. --server.port=.. <args>}. */
    static SpringAppProcess start(String name, String address, int port, String... args) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException("the Spring test application is not built: " + JAR);
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", JAR.toString(),
                "--server.address=" + address, "--server.port=" + port));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new SpringAppProcess(p, name, address + ":" + port);
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

    /** Waits for Spring Boot's "Started ..." line, failing with the output if the JVM exits first. */
    SpringAppProcess awaitStarted() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + output());
            }
            return output().contains("Started CairnSpringApp");
        });
        return this;
    }

    /** GET on the application, the body as JSON (fails on anything but 200). */
    JsonNode getJson(String path) throws IOException, InterruptedException {
        return JSON.readTree(getText(path));
    }

    /** GET on the application, the body as text (fails on anything but 200). */
    String getText(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + httpAddress + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError(name + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** POST of a JSON body on the application; the status code. */
    int postJson(String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + httpAddress + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** SIGTERM: Spring deregisters the instance on its way out. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not stop on SIGTERM within 30 s:\n" + output());
        }
        return process.exitValue();
    }

    /** SIGKILL: the instance vanishes without a word, only its TTL tells. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }
}
