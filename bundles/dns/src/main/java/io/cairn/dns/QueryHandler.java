package io.cairn.dns;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import io.cairn.api.catalog.Catalog;
import io.cairn.api.catalog.CatalogService;
import io.cairn.api.catalog.HealthStatus;
import io.cairn.api.catalog.Node;
import io.cairn.api.catalog.NodeServices;
import io.cairn.api.catalog.ServiceInstance;
import io.cairn.api.consensus.QueryResult;
import io.cairn.api.http.Consistency;
import io.cairn.api.http.QueryOptions;
import io.cairn.dns.Lookup.AddressLookup;
import io.cairn.dns.Lookup.Apex;
import io.cairn.dns.Lookup.Foreign;
import io.cairn.dns.Lookup.NodeLookup;
import io.cairn.dns.Lookup.ReverseLookup;
import io.cairn.dns.Lookup.ServiceLookup;

/**
 * Answers one DNS query as Consul's DNS interface: the whole answer, before any size limit
 * ({@link ResponseFitter} fits it to the transport). Reads the catalog stale by default
 * ({@code allow_stale}), re-reading from the leader when the answering server lags more than
 * {@code max_stale}.
 */
public final class QueryHandler {

    private static final Logger LOG = LoggerFactory.getLogger(QueryHandler.class);

    private final DnsSettings settings;
    private final QueryNameParser parser;
    private final Supplier<Optional<Catalog>> catalog;
    private final Recursor recursor;
    private final Supplier<Random> random;
    private final Clock clock;

    /**
     * @param catalog   the catalog now, empty while none is available (answers are SERVFAIL then)
     * @param random    shuffles the instances of each answer
     * @param clock     the SOA serial is the time in seconds, as Consul's
     */
    public QueryHandler(DnsSettings settings, Supplier<Optional<Catalog>> catalog, Recursor recursor,
                        Supplier<Random> random, Clock clock) {
        this.settings = settings;
        this.parser = new QueryNameParser(settings.domain(), settings.altDomain());
        this.catalog = catalog;
        this.recursor = recursor;
        this.random = random;
        this.clock = clock;
    }

    public DnsSettings settings() {
        return settings;
    }

    /** The answer to {@code query}; never completes exceptionally (failures become SERVFAIL). */
    public CompletionStage<Message> answer(Message query) {
        Record question = query.getQuestion();
        if (query.getHeader().getOpcode() != Opcode.QUERY) {
            return done(reply(query, Rcode.NOTIMP, false));
        }
        if (question == null) {
            return done(reply(query, Rcode.FORMERR, false));
        }
        if (question.getType() == Type.AXFR || question.getType() == Type.IXFR) {
            return done(reply(query, Rcode.NOTIMP, true));
        }
        CompletionStage<Message> answer;
        try {
            answer = answer(query, parser.parse(question.getName()));
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.exceptionally(e -> {
            LOG.debug("DNS query {} failed: {}", question, e.toString());
            return reply(query, Rcode.SERVFAIL, false);
        });
    }

    private CompletionStage<Message> answer(Message query, Lookup lookup) {
        if (lookup instanceof Foreign) {
            return settings.recursionAvailable() ? recursor.forward(query) : done(reply(query, Rcode.REFUSED, false));
        }
        if (lookup instanceof Apex apex) {
            return done(apex(query, apex.domain()));
        }
        if (lookup instanceof AddressLookup addr) {
            return done(addressAnswer(query, addr));
        }
        if (lookup instanceof Lookup.NoSuchName none) {
            return done(nxdomain(query, none.domain()));
        }
        Optional<Catalog> current = catalog.get();
        if (current.isEmpty()) {
            return done(reply(query, Rcode.SERVFAIL, false));
        }
        if (lookup instanceof ServiceLookup service) {
            return service(query, service, current.get());
        }
        if (lookup instanceof NodeLookup node) {
            return node(query, node, current.get());
        }
        return reverse(query, ((ReverseLookup) lookup).address(), current.get());
    }

    // ---- services

    private CompletionStage<Message> service(Message query, ServiceLookup lookup, Catalog catalog) {
        Optional<Optional<String>> remote = remoteDatacenter(lookup.datacenter(), catalog);
        if (remote.isEmpty()) {
            return done(nxdomain(query, lookup.domain()));
        }
        List<String> tags = lookup.tag().map(List::of).orElse(List.of());
        String dc = remote.get().orElse(settings.datacenter());
        return read(options -> catalog.healthService(lookup.service(), tags, false, options), remote.get())
                .thenApply(instances -> serviceAnswer(query, lookup, dc, healthy(instances)));
    }

    /** Instances with a critical check are never answered; with {@code only_passing}, warning ones neither. */
    private List<ServiceInstance> healthy(List<ServiceInstance> instances) {
        List<ServiceInstance> healthy = new ArrayList<>(instances.size());
        for (ServiceInstance instance : instances) {
            HealthStatus status = instance.aggregateStatus();
            if (status == HealthStatus.PASSING || (status == HealthStatus.WARNING && !settings.config().onlyPassing())) {
                healthy.add(instance);
            }
        }
        Collections.shuffle(healthy, random.get());
        return healthy;
    }

    private Message serviceAnswer(Message query, ServiceLookup lookup, String dc, List<ServiceInstance> instances) {
        if (instances.isEmpty()) {
            return nxdomain(query, lookup.domain());
        }
        Name owner = query.getQuestion().getName();
        int type = query.getQuestion().getType();
        long ttl = settings.serviceTtl(lookup.service()).toSeconds();
        Message reply = reply(query, Rcode.NOERROR, true);
        Set<Record> answers = new LinkedHashSet<>();
        Set<Record> additional = new LinkedHashSet<>();
        if (type == Type.SRV) {
            for (ServiceInstance instance : instances) {
                srv(owner, instance, dc, lookup.domain(), ttl, answers, additional);
            }
        } else if (type == Type.TXT) {
            instances.forEach(i -> answers.addAll(Records.nodeMeta(owner, i.node().meta(), ttl)));
        } else {
            int limit = settings.config().aRecordLimit();
            for (ServiceInstance instance : instances) {
                if (limit > 0 && answers.size() >= limit) {
                    break;
                }
                Records.address(owner, addressOf(instance), type, ttl).ifPresent(answers::add);
            }
        }
        answers.forEach(r -> reply.addRecord(r, Section.ANSWER));
        additional.forEach(r -> reply.addRecord(r, Section.ADDITIONAL));
        return answers.isEmpty() ? nodata(reply, lookup.domain()) : reply;
    }

    /**
     * One SRV record per instance: the target is the node's name when the service is reached at
     * the node's address, else {@code HEX.addr.DC.DOMAIN}; the target's A/AAAA (and the node's
     * meta as TXT) go to the additional section.
     */
    private void srv(Name owner, ServiceInstance instance, String dc, Name domain, long ttl, Set<Record> answers,
                     Set<Record> additional) {
        String address = addressOf(instance);
        Optional<InetAddress> ip = Records.ipLiteral(address);
        Optional<Name> nodeName = Records.nodeName(instance.node().node(), dc, domain);
        Optional<Name> target;
        if (ip.isEmpty()) {
            target = Records.hostName(address);
        } else if (address.equals(instance.node().address())) {
            target = nodeName;
        } else {
            target = Records.addrName(ip.get(), dc, domain);
        }
        if (target.isEmpty()) {
            return;
        }
        int weight = instance.aggregateStatus() == HealthStatus.WARNING
                ? instance.service().weights().warning() : instance.service().weights().passing();
        answers.add(new SRVRecord(owner, DClass.IN, ttl, 1, weight, instance.service().port(), target.get()));
        ip.flatMap(a -> Records.address(target.get(), a, Type.ANY, ttl)).ifPresent(additional::add);
        if (settings.config().enableAdditionalNodeMetaTxt()) {
            nodeName.ifPresent(n -> additional.addAll(Records.nodeMeta(n, instance.node().meta(), ttl)));
        }
    }

    /** The service's own address, else its node's. */
    private static String addressOf(ServiceInstance instance) {
        return instance.service().address().isEmpty() ? instance.node().address() : instance.service().address();
    }

    // ---- nodes

    private CompletionStage<Message> node(Message query, NodeLookup lookup, Catalog catalog) {
        Optional<Optional<String>> remote = remoteDatacenter(lookup.datacenter(), catalog);
        if (remote.isEmpty()) {
            return done(nxdomain(query, lookup.domain()));
        }
        return read(options -> catalog.node(lookup.node(), options), remote.get())
                .thenApply(found -> found.map(n -> nodeAnswer(query, n, lookup.domain()))
                        .orElseGet(() -> nxdomain(query, lookup.domain())));
    }

    private Message nodeAnswer(Message query, NodeServices found, Name domain) {
        Name owner = query.getQuestion().getName();
        int type = query.getQuestion().getType();
        long ttl = settings.nodeTtl().toSeconds();
        Message reply = reply(query, Rcode.NOERROR, true);
        Records.address(owner, found.node().address(), type, ttl).ifPresent(r -> reply.addRecord(r, Section.ANSWER));
        if (type == Type.TXT || type == Type.ANY) {
            Records.nodeMeta(owner, found.node().meta(), ttl).forEach(r -> reply.addRecord(r, Section.ANSWER));
        }
        return reply.getSection(Section.ANSWER).isEmpty() ? nodata(reply, domain) : reply;
    }

    // ---- names that need no catalog

    private Message addressAnswer(Message query, AddressLookup lookup) {
        Message reply = reply(query, Rcode.NOERROR, true);
        Records.address(query.getQuestion().getName(), lookup.address(), query.getQuestion().getType(),
                settings.nodeTtl().toSeconds()).ifPresent(r -> reply.addRecord(r, Section.ANSWER));
        return reply.getSection(Section.ANSWER).isEmpty() ? nodata(reply, lookup.domain()) : reply;
    }

    /** SOA and NS of the domain; this agent is its name server, named as its node. */
    private Message apex(Message query, Name domain) {
        int type = query.getQuestion().getType();
        Message reply = reply(query, Rcode.NOERROR, true);
        if (type == Type.SOA || type == Type.ANY) {
            reply.addRecord(soa(domain), Section.ANSWER);
        }
        Optional<Name> server = Records.nodeName(settings.nodeName(), settings.datacenter(), domain);
        if ((type == Type.NS || type == Type.ANY) && server.isPresent()) {
            reply.addRecord(new NSRecord(domain, DClass.IN, 0, server.get()), Section.ANSWER);
            Records.address(server.get(), settings.nodeAddress(), Type.ANY, 0)
                    .ifPresent(r -> reply.addRecord(r, Section.ADDITIONAL));
        }
        return reply.getSection(Section.ANSWER).isEmpty() ? nodata(reply, domain) : reply;
    }

    // ---- reverse lookups

    /** PTR of a node's address, else of a service's own address; unknown addresses go to the recursors when there are any. */
    private CompletionStage<Message> reverse(Message query, Optional<InetAddress> address, Catalog catalog) {
        if (address.isEmpty()) {
            return notOurs(query);
        }
        InetAddress ip = address.get();
        return read(catalog::nodes, Optional.empty())
                .thenCompose(nodes -> {
                    List<Name> names = nodes.stream().filter(n -> Records.ipLiteral(n.address()).equals(address))
                            .map(Node::node)
                            .flatMap(n -> Records.nodeName(n, settings.datacenter(), settings.domain()).stream())
                            .toList();
                    return names.isEmpty() ? servicesAt(ip, catalog) : done(names);
                })
                .thenCompose(names -> names.isEmpty() ? notOurs(query) : done(ptrAnswer(query, names)));
    }

    private CompletionStage<List<Name>> servicesAt(InetAddress ip, Catalog catalog) {
        return read(catalog::services, Optional.empty()).thenCompose(services -> {
            List<CompletableFuture<List<CatalogService>>> reads = services.keySet().stream()
                    .map(name -> read(options -> catalog.serviceNodes(name, List.of(), options), Optional.empty())
                            .toCompletableFuture())
                    .toList();
            return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(ignored -> reads.stream()
                    .flatMap(r -> r.join().stream())
                    .filter(s -> Records.ipLiteral(s.serviceAddress()).equals(Optional.of(ip)))
                    .map(CatalogService::serviceName).distinct()
                    .flatMap(s -> Records.serviceName(s, settings.datacenter(), settings.domain()).stream())
                    .toList());
        });
    }

    private Message ptrAnswer(Message query, List<Name> names) {
        int type = query.getQuestion().getType();
        Message reply = reply(query, Rcode.NOERROR, true);
        if (type == Type.PTR || type == Type.ANY) {
            long ttl = settings.nodeTtl().toSeconds();
            names.forEach(n -> reply.addRecord(new PTRRecord(query.getQuestion().getName(), DClass.IN, ttl, n),
                    Section.ANSWER));
        }
        return reply.getSection(Section.ANSWER).isEmpty() ? nodata(reply, settings.domain()) : reply;
    }

    private CompletionStage<Message> notOurs(Message query) {
        return settings.recursionAvailable() ? recursor.forward(query) : done(nxdomain(query, settings.domain()));
    }

    // ---- reads and replies

    /**
     * Which data centre to ask: empty for this agent's own, the name of another known one,
     * or no answer at all (outer empty) for a data centre the catalog does not know.
     */
    private Optional<Optional<String>> remoteDatacenter(Optional<String> asked, Catalog catalog) {
        if (asked.isEmpty() || asked.get().equalsIgnoreCase(settings.datacenter())) {
            return Optional.of(Optional.empty());
        }
        return catalog.datacenters().stream().filter(dc -> dc.equalsIgnoreCase(asked.get())).findFirst()
                .map(Optional::of);
    }

    private <T> CompletionStage<T> read(Function<QueryOptions, CompletionStage<QueryResult<T>>> query,
                                        Optional<String> datacenter) {
        boolean stale = settings.config().allowStale();
        Duration maxStale = settings.config().maxStale();
        return query.apply(options(stale ? Consistency.STALE : Consistency.DEFAULT, datacenter))
                .thenCompose(result -> stale && result.meta().lastContactMs() > maxStale.toMillis()
                        ? query.apply(options(Consistency.DEFAULT, datacenter))
                        : done(result))
                .thenApply(QueryResult::value);
    }

    private static QueryOptions options(Consistency consistency, Optional<String> datacenter) {
        return new QueryOptions(datacenter, Optional.empty(), consistency, 0, Duration.ZERO, Optional.empty(),
                Optional.empty(), Map.of());
    }

    private Message reply(Message query, int rcode, boolean authoritative) {
        Header header = new Header(query.getHeader().getID());
        header.setFlag(Flags.QR);
        header.setOpcode(query.getHeader().getOpcode());
        if (query.getHeader().getFlag(Flags.RD)) {
            header.setFlag(Flags.RD);
        }
        if (settings.recursionAvailable()) {
            header.setFlag(Flags.RA);
        }
        if (authoritative) {
            header.setFlag(Flags.AA);
        }
        header.setRcode(rcode);
        Message reply = new Message();
        reply.setHeader(header);
        if (query.getQuestion() != null) {
            reply.addRecord(query.getQuestion(), Section.QUESTION);
        }
        return reply;
    }

    private Message nxdomain(Message query, Name domain) {
        Message reply = reply(query, Rcode.NXDOMAIN, true);
        reply.addRecord(soa(domain), Section.AUTHORITY);
        return reply;
    }

    /** The name exists, not with records of the type asked: NOERROR, no answer, the SOA in authority. */
    private Message nodata(Message reply, Name domain) {
        reply.removeAllRecords(Section.ADDITIONAL);
        reply.addRecord(soa(domain), Section.AUTHORITY);
        return reply;
    }

    private Record soa(Name domain) {
        return Records.soa(domain, clock.instant().getEpochSecond());
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
