package io.cairn.membership;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import io.cairn.api.filter.Filter;
import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpRequest;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.http.Route;
import io.cairn.api.http.RouteProvider;
import io.cairn.api.membership.Member;
import io.cairn.api.membership.Membership;
import io.cairn.api.membership.MembershipException;
import io.cairn.api.membership.MemberTags;

/** {@code /v1/agent/members}, {@code join}, {@code leave} and {@code force-leave}, as Consul answers them. */
public final class MembersEndpoint implements RouteProvider {

    private final Membership membership;
    private final Runnable shutdown;

    /** @param shutdown ends the agent after a graceful leave */
    public MembersEndpoint(Membership membership, Runnable shutdown) {
        this.membership = membership;
        this.shutdown = shutdown;
    }

    /** One element of {@code /v1/agent/members}: Status as Consul's number. */
    public record MemberView(String name, String addr, int port, Map<String, String> tags, int status,
                             int protocolMin, int protocolMax, int protocolCur,
                             int delegateMin, int delegateMax, int delegateCur) {

        static MemberView of(Member m) {
            return new MemberView(m.name(), m.addr(), m.port(), m.tags(), m.status().code(),
                    Member.PROTOCOL_MIN, Member.PROTOCOL_MAX, Member.PROTOCOL_CUR,
                    Member.DELEGATE_MIN, Member.DELEGATE_MAX, Member.DELEGATE_CUR);
        }
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/v1/agent/members", request -> HttpResponse.json(members(request)).completed()),
                Route.put("/v1/agent/join/", this::join),
                Route.put("/v1/agent/leave", request -> leave()),
                Route.put("/v1/agent/force-leave/", this::forceLeave));
    }

    List<MemberView> members(HttpRequest request) throws HttpException {
        Optional<Filter> filter = Filter.of(request, MemberView.class);
        boolean wan = request.flag("wan");
        // Consul: ?segment filters the LAN pool by network segment; Cairn has the default one ("") only
        String segment = request.param("segment").orElse(null);
        return membership.members(wan).stream()
                .filter(m -> wan || segment == null || segment.equals(m.tags().getOrDefault(MemberTags.SEGMENT, "")))
                .map(MemberView::of)
                .filter(m -> filter.map(f -> f.matches(m)).orElse(true))
                .toList();
    }

    private CompletionStage<HttpResponse> join(HttpRequest request) throws HttpException {
        String address = request.suffix();
        if (address.isEmpty()) {
            throw HttpException.badRequest("Missing address to join");
        }
        try {
            membership.join(List.of(address), request.flag("wan"));
        } catch (MembershipException e) {
            throw new HttpException(500, e.getMessage());
        }
        return HttpResponse.ok().completed();
    }

    private CompletionStage<HttpResponse> leave() {
        membership.leave();
        shutdown.run();
        return HttpResponse.ok().completed();
    }

    private CompletionStage<HttpResponse> forceLeave(HttpRequest request) throws HttpException {
        String node = request.suffix();
        if (node.isEmpty()) {
            throw HttpException.badRequest("Missing node name");
        }
        if (!membership.forceLeave(node, request.flag("prune"), request.flag("wan"))) {
            throw HttpException.notFound("agent: No node found with name '" + node + "'");
        }
        return HttpResponse.ok().completed();
    }
}
