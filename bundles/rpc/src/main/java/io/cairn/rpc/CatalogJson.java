package io.cairn.rpc;

import java.io.IOException;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;

import java.util.Optional;

/**
 * The catalog API records on the server RPC wire, as a client agent reads and writes them.
 *
 * <p>The servers write Consul's names ({@code ServiceID}, {@code GRPCUseTLS}) and read names
 * ignoring case. Consul's names differ from the records' Java names in case only, so reading
 * them ignoring case needs no naming rules here, and what is written here in plain PascalCase
 * ({@code ServiceId}) the servers read; the HTTP bundle's exact naming stays private to it.
 */
final class CatalogJson {

    private final ObjectMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
            .addModule(new Jdk8Module())
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // API enums carry Consul's wire word as toString ("passing")
            .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
            .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING)
            .withConfigOverride(Optional.class, override -> override.setIncludeAsProperty(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT, JsonInclude.Include.NON_ABSENT)))
            .build();

    byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    <T> T read(byte[] json, TypeReference<T> type) throws IOException {
        return mapper.readValue(json, type);
    }
}
