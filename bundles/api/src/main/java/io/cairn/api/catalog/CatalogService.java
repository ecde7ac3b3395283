package io.cairn.api.catalog;

import java.util.List;
import java.util.Map;

/**
 * One instance of a service with its node, flattened as Consul's {@code CatalogService}
 * ({@code /v1/catalog/service/:name}). {@code id}, {@code address} and friends are the
 * node's; the {@code service*} components are the service's; the indexes are the service's.
 * {@code serviceKind} is "" for a plain service: Consul always writes {@code ServiceKind}.
 */
public record CatalogService(String id, String node, String address, String datacenter,
                             Map<String, String> taggedAddresses, Map<String, String> nodeMeta,
                             String serviceKind, String serviceId, String serviceName,
                             List<String> serviceTags, String serviceAddress,
                             Map<String, ServiceAddress> serviceTaggedAddresses, Weights serviceWeights,
                             Map<String, String> serviceMeta, int servicePort, boolean serviceEnableTagOverride,
                             long createIndex, long modifyIndex) {

    public static CatalogService of(Node node, Service service) {
        return new CatalogService(node.id(), node.node(), node.address(), node.datacenter(), node.taggedAddresses(),
                node.meta(), service.kind().orElse(""), service.id(), service.service(), service.tags(), service.address(),
                service.taggedAddresses(), service.weights(), service.meta(), service.port(),
                service.enableTagOverride(), service.createIndex(), service.modifyIndex());
    }
}
