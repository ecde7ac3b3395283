package io.cairn.cli;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.cairn.api.config.ConfigException;
import io.cairn.api.config.ServiceDefinition;
import io.cairn.config.ConfigLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn services register|deregister}: services from files in agent-config syntax
 * ({@code service}/{@code services}, JSON or HCL, read by the config bundle's loader) or from
 * flags, sent one by one to the local agent, with Consul's messages.
 */
@Command(name = "services", description = "Interact with services",
        subcommands = {ServicesCommand.Register.class, ServicesCommand.Deregister.class})
final class ServicesCommand implements Runnable {

    /**
     * The body {@code PUT /v1/agent/service/register} takes: the definition's fields in
     * PascalCase (the agent matches names case-insensitively, as Consul's Go decoder does),
     * unset ones left out, durations in Go's syntax.
     */
    private static final ObjectMapper REGISTRATION = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .registerModule(new SimpleModule().addSerializer(Duration.class, new JsonSerializer<>() {
                @Override
                public void serialize(Duration value, JsonGenerator out, SerializerProvider serializers)
                        throws IOException {
                    out.writeString(goDuration(value));
                }
            }));

    @Override
    public void run() {
        CommandLine.usage(this, System.err);
    }

    @Command(name = "register", description = "Register services with the local agent")
    static final class Register implements Callable<Integer> {
        @Mixin
        HttpOptions http;
        @Option(names = "-id", description = "ID of the service to register for arg-based registration; defaults to -name")
        String id;
        @Option(names = "-name", description = "Name of the service to register for arg-based registration")
        String name;
        @Option(names = "-address", description = "Address of the service to register for arg-based registration")
        String address;
        @Option(names = "-port", description = "Port of the service to register for arg-based registration")
        int port;
        @Option(names = "-tag", description = "Tag to add to the service; repeatable")
        List<String> tags = new ArrayList<>();
        @Option(names = "-meta", description = "Metadata to set on the service, as key=value; repeatable")
        Map<String, String> meta = new LinkedHashMap<>();
        @Option(names = "-kind", description = "The service's kind")
        String kind;
        @Parameters(arity = "0..*", paramLabel = "FILE", description = "JSON or HCL files with service definitions")
        List<Path> files = new ArrayList<>();

        @Override
        public Integer call() throws CliException {
            if (files.isEmpty() && name == null) {
                throw new CliException("Service registration requires at least one argument or flags.");
            }
            if (!files.isEmpty() && name != null) {
                throw new CliException("Service registration requires arguments or -id, not both.");
            }
            ServiceDefinition fromFlags = new ServiceDefinition(id, name, kind, tags, address, port, meta, false,
                    null, null, null);
            List<ServiceDefinition> services = files.isEmpty() ? List.of(fromFlags)
                    : definitions(files).stream().map(s -> withFlags(s, fromFlags)).toList();
            AgentClient client = http.client();
            for (ServiceDefinition service : services) {
                AgentClient.expectOk(client.put("/v1/agent/service/register", Map.of(), registration(service)),
                        "registering service \"" + service.name() + "\"");
                System.out.println("Registered service: " + service.name());
            }
            return 0;
        }
    }

    @Command(name = "deregister", description = "Deregister services with the local agent")
    static final class Deregister implements Callable<Integer> {
        @Mixin
        HttpOptions http;
        @Option(names = "-id", description = "ID to delete. This must not be set if arguments are given.")
        String id;
        @Parameters(arity = "0..*", paramLabel = "FILE", description = "JSON or HCL files with the service definitions to remove")
        List<Path> files = new ArrayList<>();

        @Override
        public Integer call() throws CliException {
            if (files.isEmpty() && id == null) {
                throw new CliException("Service deregistration requires at least one argument or -id.");
            }
            if (!files.isEmpty() && id != null) {
                throw new CliException("Service deregistration requires arguments or -id, not both.");
            }
            List<String> ids = files.isEmpty() ? List.of(id)
                    : definitions(files).stream().map(ServiceDefinition::id).toList();
            AgentClient client = http.client();
            for (String serviceId : ids) {
                AgentClient.expectOk(client.put("/v1/agent/service/deregister/" + pathSegment(serviceId),
                        Map.of(), null), "deregistering service \"" + serviceId + "\"");
                System.out.println("Deregistered service: " + serviceId);
            }
            return 0;
        }
    }

    private static List<ServiceDefinition> definitions(List<Path> files) throws CliException {
        try {
            return ConfigLoader.serviceDefinitions(files);
        } catch (ConfigException e) {
            throw new CliException("Error: " + String.join("\n", e.problems()));
        }
    }

    /**
     * Consul's rule for flags given beside files: each fills what a file's service leaves
     * unset; meta entries are added, tags appended.
     */
    static ServiceDefinition withFlags(ServiceDefinition file, ServiceDefinition flags) {
        Map<String, String> meta = new LinkedHashMap<>(file.meta());
        meta.putAll(flags.meta());
        List<String> tags = new ArrayList<>(file.tags());
        tags.addAll(flags.tags());
        return new ServiceDefinition(file.id(), file.name(), file.kind() != null ? file.kind() : flags.kind(), tags,
                file.address() != null ? file.address() : flags.address(), file.port() != 0 ? file.port() : flags.port(),
                meta, file.enableTagOverride(), file.weights(), file.token(), file.checks());
    }

    /** The JSON of one registration. */
    static byte[] registration(ServiceDefinition service) throws CliException {
        try {
            return REGISTRATION.writeValueAsBytes(service);
        } catch (JsonProcessingException e) {
            throw new CliException("Error encoding service \"" + service.name() + "\": " + e.getOriginalMessage());
        }
    }

    /** An id as one segment of a URL path. */
    static String pathSegment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Go's duration text for whole seconds, milliseconds or else nanoseconds ({@code 30s}, {@code 1500ms}). */
    static String goDuration(Duration d) {
        long nanos = d.toNanos();
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        return nanos % 1_000_000L == 0 ? nanos / 1_000_000L + "ms" : nanos + "ns";
    }
}
