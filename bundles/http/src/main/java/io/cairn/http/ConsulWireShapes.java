package io.cairn.http;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonAppend;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.ser.VirtualBeanPropertyWriter;
import com.fasterxml.jackson.databind.util.Annotations;

import io.cairn.api.catalog.HealthCheck;
import io.cairn.api.catalog.Service;

/**
 * Fields Consul always writes that Cairn's catalog records do not hold, added on the wire
 * only (Jackson mix-ins), so the API records stay plain:
 * <ul>
 * <li>a health check's {@code ExposedPort} (Consul: the port a Connect proxy exposes the check
 *     on; {@code 0} without Connect, which Cairn does not have), and not the record's
 *     {@code isNodeCheck()}, which Consul has no field for;</li>
 * <li>a service instance's {@code Proxy} and {@code Connect} (Consul's {@code NodeService}
 *     holds them as structs, written even for a plain service: {@code {"MeshGateway":{},
 *     "Expose":{}}} and {@code {}}).</li>
 * </ul>
 * {@code CatalogService} writes its {@code ServiceProxy}/{@code ServiceConnect} the same way.
 */
final class ConsulWireShapes {

    /** A plain service's {@code Proxy}: Consul's empty ConnectProxyConfig. */
    static final Map<String, Object> NO_PROXY = Map.of("MeshGateway", Map.of(), "Expose", Map.of());
    /** A plain service's {@code Connect}: Consul's empty ServiceConnect. */
    static final Map<String, Object> NO_CONNECT = Map.of();

    private ConsulWireShapes() {
    }

    static JsonMapper.Builder register(JsonMapper.Builder builder) {
        return builder.addMixIn(HealthCheck.class, HealthCheckMixIn.class)
                .addMixIn(Service.class, ServiceMixIn.class)
                .addMixIn(io.cairn.api.catalog.CatalogService.class, CatalogServiceMixIn.class);
    }

    @JsonAppend(props = @JsonAppend.Prop(value = ZeroPort.class, name = "ExposedPort", type = int.class))
    abstract static class HealthCheckMixIn {
        @JsonIgnore
        abstract boolean isNodeCheck();
    }

    @JsonAppend(props = {
            @JsonAppend.Prop(value = NoProxy.class, name = "Proxy", type = Map.class),
            @JsonAppend.Prop(value = NoConnect.class, name = "Connect", type = Map.class)})
    abstract static class ServiceMixIn {
    }

    @JsonAppend(props = {
            @JsonAppend.Prop(value = NoProxy.class, name = "ServiceProxy", type = Map.class),
            @JsonAppend.Prop(value = NoConnect.class, name = "ServiceConnect", type = Map.class)})
    abstract static class CatalogServiceMixIn {
    }

    /**
     * A virtual property with one value for every bean. Jackson makes the annotated subclass
     * with its no-argument constructor, then asks it for the configured writer.
     */
    abstract static class Constant extends VirtualBeanPropertyWriter {
        private static final long serialVersionUID = 1L;

        private final Object constant;

        Constant(Object constant) {
            this.constant = constant;
        }

        private Constant(Object constant, BeanPropertyDefinition property, Annotations annotations, JavaType type) {
            super(property, annotations, type);
            this.constant = constant;
        }

        @Override
        protected Object value(Object bean, JsonGenerator gen, SerializerProvider prov) {
            return constant;
        }

        @Override
        public VirtualBeanPropertyWriter withConfig(MapperConfig<?> config, AnnotatedClass declaringClass,
                                                    BeanPropertyDefinition property, JavaType type) {
            return new Configured(constant, property, declaringClass.getAnnotations(), type);
        }
    }

    private static final class Configured extends Constant {
        private static final long serialVersionUID = 1L;

        Configured(Object constant, BeanPropertyDefinition property, Annotations annotations, JavaType type) {
            super(constant, property, annotations, type);
        }
    }

    static final class ZeroPort extends Constant {
        private static final long serialVersionUID = 1L;

        ZeroPort() {
            super(0);
        }
    }

    static final class NoProxy extends Constant {
        private static final long serialVersionUID = 1L;

        NoProxy() {
            super(NO_PROXY);
        }
    }

    static final class NoConnect extends Constant {
        private static final long serialVersionUID = 1L;

        NoConnect() {
            super(NO_CONNECT);
        }
    }
}
