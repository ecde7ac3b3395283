package io.cairn.http;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedField;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.introspect.AnnotatedParameter;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;

import io.cairn.api.http.HttpException;

/**
 * JSON as Consul's clients expect it. Out: PascalCase names ({@link ConsulNaming}), map keys
 * as given, {@code Optional.empty()} omitted, null written as null, {@code byte[]} as base64.
 * In: names matched case-insensitively like Go's decoder, snake_case accepted too
 * ({@code enable_tag_override}), unknown fields ignored. Enums both ways by {@code toString()}.
 */
public final class JsonCodec {

    private final ObjectMapper mapper = ConsulWireShapes.register(JsonMapper.builder())
            .propertyNamingStrategy(new ConsulNaming())
            .annotationIntrospector(new SnakeCaseAliases())
            .addModule(new Jdk8Module())
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            // API enums carry Consul's wire word as toString ("passing"), not their Java name
            .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
            .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING)
            .withConfigOverride(Optional.class, override -> override.setIncludeAsProperty(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT, JsonInclude.Include.NON_ABSENT)))
            .build();

    public byte[] write(Object value) throws JsonProcessingException {
        return mapper.writeValueAsBytes(value);
    }

    /** @throws HttpException 400 {@code Request decode failed: ...} as Consul answers a bad body */
    public <T> T read(byte[] json, Class<T> type) throws HttpException {
        try {
            return mapper.readValue(json, type);
        } catch (JacksonException e) {
            throw HttpException.badRequest("Request decode failed: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw HttpException.badRequest("Request decode failed: " + e.getMessage());
        }
    }

    /** Adds the snake_case spelling of each Java property name as an alias for reading. */
    private static final class SnakeCaseAliases extends JacksonAnnotationIntrospector {
        private static final long serialVersionUID = 1L;
        private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE =
                new PropertyNamingStrategies.SnakeCaseStrategy();

        @Override
        public List<PropertyName> findPropertyAliases(Annotated member) {
            List<PropertyName> declared = super.findPropertyAliases(member);
            String javaName = javaName(member);
            if (javaName == null) {
                return declared;
            }
            String snake = SNAKE.translate(javaName);
            if (snake.equals(javaName)) {
                return declared;
            }
            List<PropertyName> aliases = new ArrayList<>(declared == null ? List.of() : declared);
            aliases.add(PropertyName.construct(snake));
            return aliases;
        }

        /** The Java name of the property a member stands for, or null when it stands for none. */
        private static String javaName(Annotated member) {
            if (member instanceof AnnotatedField field) {
                return field.getName();
            }
            if (member instanceof AnnotatedMethod method && method.getParameterCount() == 1
                    && method.getName().startsWith("set") && method.getName().length() > 3) {
                String rest = method.getName().substring(3);
                return Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
            }
            if (member instanceof AnnotatedParameter parameter
                    && parameter.getDeclaringClass().isRecord()) {
                RecordComponent[] components = parameter.getDeclaringClass().getRecordComponents();
                // a record's canonical constructor takes its components in declaration order
                return parameter.getOwner().getParameterCount() == components.length
                        ? components[parameter.getIndex()].getName()
                        : null;
            }
            return null;
        }
    }
}
