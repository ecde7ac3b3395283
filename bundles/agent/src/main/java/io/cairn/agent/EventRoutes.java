package io.cairn.agent;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.cairn.api.http.Consistency;
import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpRequest;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.http.QueryMeta;
import io.cairn.api.http.Route;
import io.cairn.api.http.RouteProvider;
import io.cairn.api.membership.Membership;
import io.cairn.api.membership.MembershipException;
import io.cairn.api.membership.UserEvent;

/** {@code PUT /v1/event/fire/:name} and {@code GET /v1/event/list}, as Consul's agent answers them. */
public final class EventRoutes implements RouteProvider {

    /** An event as Consul shows it: {@code Payload} base64, or null when there is none. */
    public record EventView(String id, String name, byte[] payload, String nodeFilter, String serviceFilter,
                            String tagFilter, int version, long lTime) {

        static EventView of(UserEvent e) {
            byte[] payload = e.payload();
            return new EventView(e.id(), e.name(), payload.length == 0 ? null : payload, e.nodeFilter(),
                    e.serviceFilter(), e.tagFilter(), e.version(), e.lTime());
        }
    }

    private final UserEvents events;
    private final Supplier<Optional<Membership>> membership;

    public EventRoutes(UserEvents events, Supplier<Optional<Membership>> membership) {
        this.events = events;
        this.membership = membership;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.put("/v1/event/fire/", this::fire),
                Route.get("/v1/event/list", this::list));
    }

    private CompletionStage<HttpResponse> fire(HttpRequest request) throws HttpException {
        String name = request.suffix();
        if (name.isEmpty()) {
            throw HttpException.badRequest("Missing name");
        }
        String node = request.param("node").orElse("");
        String service = request.param("service").orElse("");
        String tag = request.param("tag").orElse("");
        if (!tag.isEmpty() && service.isEmpty()) {
            throw HttpException.badRequest("Cannot provide tag filter without service filter");
        }
        regex(node, "node");
        regex(service, "service");
        regex(tag, "tag");
        Membership pool = membership.get()
                .orElseThrow(() -> new HttpException(500, "This agent is in no LAN pool: cannot fire events"));
        try {
            UserEvent fired = pool.fireEvent(name, request.body(), node, service, tag);
            return HttpResponse.json(EventView.of(fired)).completed();
        } catch (MembershipException e) {
            throw new HttpException(e.getMessage().contains("exceeds") ? 413 : 500, e.getMessage());
        }
    }

    private CompletionStage<HttpResponse> list(HttpRequest request) {
        String name = request.param("name").orElse("");
        return events.list(name, request.options().minIndex(), request.options().maxWait().toNanos())
                .thenApply(listing -> HttpResponse.json(listing.events().stream().map(EventView::of).toList(),
                        new QueryMeta(listing.index(), true, 0, Consistency.DEFAULT)));
    }

    private static void regex(String expression, String what) throws HttpException {
        try {
            Pattern.compile(expression);
        } catch (PatternSyntaxException e) {
            throw HttpException.badRequest("Invalid " + what + " filter: " + e.getDescription());
        }
    }
}
