package io.cairn.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpRequest;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.http.QueryMeta;
import io.cairn.api.http.Route;
import io.cairn.api.http.RouteProvider;
import io.cairn.api.snapshot.SnapshotArchive;
import io.cairn.api.snapshot.SnapshotMeta;

/**
 * {@code /v1/snapshot}: GET answers the whole replicated state as a {@link SnapshotArchive}
 * (from the leader, or this server with {@code ?stale}); PUT restores one through the log, so
 * every server replaces its state at the same index.
 */
public final class SnapshotEndpoint implements RouteProvider {

    /** The restore command's state, leaving room for the command's and the log entry's framing. */
    static final int MAX_STATE_BYTES = Replication.MAX_COMMAND_BYTES - 4096;

    private final StoreState state;
    private final Replication replication;
    private final LongSupplier currentTerm;
    private final Clock clock;

    /** @param currentTerm this server's Raft term, recorded in a saved snapshot's meta */
    public SnapshotEndpoint(StoreState state, Replication replication, LongSupplier currentTerm, Clock clock) {
        this.state = state;
        this.replication = replication;
        this.currentTerm = currentTerm;
        this.clock = clock;
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route("/v1/snapshot", Set.of("GET", "PUT"), this::handle));
    }

    CompletionStage<HttpResponse> handle(HttpRequest request) throws HttpException {
        return HttpErrors.mapped("PUT".equals(request.method()) ? restore(request.body()) : save(request));
    }

    private CompletionStage<HttpResponse> save(HttpRequest request) {
        return replication.readable(request.options().consistency()).thenApply(ready -> {
            try {
                ByteArrayOutputStream tables = new ByteArrayOutputStream();
                long index = state.writeSnapshot(tables);
                byte[] bytes = tables.toByteArray();
                SnapshotMeta meta = SnapshotMeta.of(currentTerm.getAsLong(), index, bytes.length, clock.millis());
                Replication.LeaderContact contact = replication.contact();
                QueryMeta headers = new QueryMeta(Math.max(1, index), contact.knownLeader(), contact.lastContactMs(),
                        request.options().consistency());
                return new HttpResponse(200, SnapshotArchive.toBytes(meta, bytes), Optional.of("application/zip"),
                        Optional.of(headers), Map.of());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private CompletionStage<HttpResponse> restore(byte[] body) throws HttpException {
        SnapshotArchive.Snapshot snapshot;
        try {
            snapshot = SnapshotArchive.read(new ByteArrayInputStream(body));
        } catch (IOException e) {
            throw HttpException.badRequest(e.getMessage());
        }
        if (snapshot.state().length > MAX_STATE_BYTES) {
            throw new HttpException(413, "Snapshot state of " + snapshot.state().length
                    + " bytes is larger than a restore can carry (" + MAX_STATE_BYTES + " bytes)");
        }
        // a refusal (state the backend cannot read) answers 500 with its reason
        return replication.execute(new Command.SnapshotRestore(snapshot.state()))
                .thenApply(outcome -> {
                    outcome.accepted();
                    return HttpResponse.ok();
                });
    }
}
