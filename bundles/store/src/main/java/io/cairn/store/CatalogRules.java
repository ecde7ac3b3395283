package io.cairn.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.cairn.api.catalog.Deregistration;
import io.cairn.api.catalog.HealthCheck;
import io.cairn.api.catalog.HealthStatus;
import io.cairn.api.catalog.Registration;
import io.cairn.api.catalog.Service;
import io.cairn.api.consensus.StoreException;

/**
 * What makes a catalog write acceptable, with Consul's messages: checked before it is sent
 * and again by the leader before it enters the log. {@link #complete} fills in what Consul's
 * server fills in (service id from its name, check node, id and type), so the log carries
 * complete rows and applying them needs no defaults.
 */
public final class CatalogRules {

    /** Addresses that name no host: a service cannot be reached at them. */
    private static final Set<String> ANY_ADDRESSES = Set.of("0.0.0.0", "::", "[::]");

    private CatalogRules() {
    }

    /** The registration as Consul's server completes it, in this data centre by default. */
    public static Registration complete(Registration registration, String datacenter) {
        Optional<Service> service = registration.service()
                .map(s -> s.id().isEmpty() && !s.service().isEmpty() ? s.withId(s.service()) : s);
        List<HealthCheck> checks = new ArrayList<>();
        for (HealthCheck check : registration.allChecks()) {
            String node = check.node().isEmpty() ? registration.node() : check.node();
            String id = check.checkId().isEmpty() ? check.name() : check.checkId();
            String type = check.type().isEmpty() ? check.definition().type() : check.type();
            checks.add(check.completed(node, id, check.serviceName(), check.serviceTags(), type));
        }
        String dc = registration.datacenter().isEmpty() ? datacenter : registration.datacenter();
        return new Registration(registration.id(), registration.node(), registration.address(), dc,
                registration.taggedAddresses(), registration.nodeMeta(), service, Optional.empty(), checks,
                registration.skipNodeUpdate());
    }

    /** @throws StoreException BAD_REQUEST with Consul's message when the registration is not acceptable */
    public static void checkRegistration(Registration registration) {
        if (registration.node().isEmpty()) {
            throw badRequest("Must provide node");
        }
        if (registration.address().isEmpty() && !registration.skipNodeUpdate()) {
            throw badRequest("Must provide address if SkipNodeUpdate is not set");
        }
        if (!registration.id().isEmpty()) {
            checkNodeId(registration.id());
        }
        if (registration.service().isPresent()) {
            checkService(registration.service().get());
        }
        for (HealthCheck check : registration.allChecks()) {
            checkCheck(registration, check);
        }
    }

    /** @throws StoreException BAD_REQUEST with Consul's message when the deregistration is not acceptable */
    public static void checkDeregistration(Deregistration deregistration) {
        if (deregistration.node().isEmpty()) {
            throw badRequest("Must provide node");
        }
    }

    /**
     * The leader's check before a command enters the log: a catalog command must be valid
     * and apply to the state as it is; other commands are not the catalog's business.
     */
    public static void checkOnLeader(Command command, CatalogState catalog) {
        if (command instanceof Command.CatalogRegister register) {
            register.registrations().forEach(CatalogRules::checkRegistration);
            catalog.refusalNow(register.registrations()).ifPresent(message -> {
                throw badRequest(message);
            });
        } else if (command instanceof Command.CatalogDeregister deregister) {
            checkDeregistration(deregister.deregistration());
        }
    }

    /** Go's uuid.ParseUUID: 36 characters in the 8-4-4-4-12 hex form. */
    private static void checkNodeId(String id) {
        if (id.length() != 36) {
            throw badRequest("Bad node ID: uuid string is wrong length");
        }
        if (!id.matches("\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}")) {
            throw badRequest("Bad node ID: uuid is improperly formatted");
        }
    }

    private static void checkService(Service service) {
        if (service.service().isEmpty()) {
            throw badRequest(service.id().isEmpty() ? "Must provide service name" : "Must provide service name with ID");
        }
        if (ANY_ADDRESSES.contains(service.address())) {
            throw badRequest("Invalid service address");
        }
        if (service.port() < 0 || service.port() > 65535) {
            throw badRequest("Invalid service port: " + service.port());
        }
    }

    private static void checkCheck(Registration registration, HealthCheck check) {
        if (check.checkId().isEmpty() && check.name().isEmpty()) {
            throw badRequest("Must provide check ID or name");
        }
        if (!check.node().isEmpty() && !check.node().equalsIgnoreCase(registration.node())) {
            throw badRequest("Check node '" + check.node() + "' does not match node '" + registration.node() + "'");
        }
        // maintenance is a filter word, never a state a check can be in
        if (check.status() == HealthStatus.MAINTENANCE) {
            throw badRequest("Status for checks must 'passing', 'warning', 'critical'");
        }
    }

    static StoreException badRequest(String message) {
        return new StoreException(StoreException.Reason.BAD_REQUEST, message);
    }
}
