package io.cairn.store;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cairn.api.tls.CaMaterial;

/**
 * The auto_encrypt CA's life in the replicated state, ticked on every server: the leader that
 * finds none makes one (key and certificate, here, before the log) and proposes it; every
 * server, once its state holds the CA, announces it once (to publish it for its RPC listener).
 */
public final class AutoEncryptCaLeader {

    private static final Logger LOG = LoggerFactory.getLogger(AutoEncryptCaLeader.class);

    private final BooleanSupplier leading;
    private final StoreState state;
    private final Replication log;
    private final Supplier<CaMaterial> maker;
    private final Consumer<CaMaterial> known;
    private final AtomicBoolean proposing = new AtomicBoolean();
    private boolean announced;

    /**
     * @param maker makes a new CA (only ever called on the leader)
     * @param known told once, when this server's state first holds the CA
     */
    public AutoEncryptCaLeader(BooleanSupplier leading, StoreState state, Replication log, Supplier<CaMaterial> maker,
            Consumer<CaMaterial> known) {
        this.leading = leading;
        this.state = state;
        this.log = log;
        this.maker = maker;
        this.known = known;
    }

    public synchronized void tick() {
        Optional<CaMaterial> ca = state.autoEncryptCa();
        if (ca.isPresent()) {
            if (!announced) {
                announced = true;
                known.accept(ca.get());
            }
            return;
        }
        if (!leading.getAsBoolean() || !proposing.compareAndSet(false, true)) {
            return;
        }
        CaMaterial made = maker.get();
        LOG.info("No auto_encrypt CA in the replicated state: this leader proposes a new one");
        log.submit(new Command.CaInitialize(made.certificatePem(), made.keyPem())).whenComplete((applied, failure) -> {
            proposing.set(false);
            if (failure != null) {
                LOG.warn("The auto_encrypt CA was not committed (tried again on the next tick): {}", failure.toString());
            }
        });
    }
}
