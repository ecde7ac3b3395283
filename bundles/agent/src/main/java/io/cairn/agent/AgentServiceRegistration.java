package io.cairn.agent;

import java.util.List;
import java.util.Map;

import io.cairn.api.catalog.ServiceAddress;
import io.cairn.api.catalog.Weights;

/**
 * The body of {@code PUT /v1/agent/service/register} (Consul's {@code AgentServiceRegistration});
 * fields a client leaves out are null. {@code Proxy}, {@code Connect} and {@code Namespace}
 * are accepted and ignored.
 */
public record AgentServiceRegistration(String kind, String id, String name, List<String> tags, Integer port,
                                       String address, Map<String, ServiceAddress> taggedAddresses,
                                       Boolean enableTagOverride, Map<String, String> meta, Weights weights,
                                       AgentCheckRegistration check, List<AgentCheckRegistration> checks) {
}
