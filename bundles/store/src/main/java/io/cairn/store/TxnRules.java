package io.cairn.store;

import io.cairn.api.consensus.StoreException;
import io.cairn.api.kv.KvStore;

/** What makes a transaction acceptable, checked at the endpoint and again by the leader. */
public final class TxnRules {

    /** Consul's {@code maxTxnOps}. */
    public static final int MAX_OPS = 64;

    private TxnRules() {
    }

    static void check(Command.Txn txn) {
        if (txn.ops().size() > MAX_OPS) {
            throw new StoreException(StoreException.Reason.TOO_LARGE,
                    "Transaction contains too many operations (" + txn.ops().size() + " > " + MAX_OPS + ")");
        }
        for (TxnOp op : txn.ops()) {
            if (op.value().length > KvStore.MAX_VALUE_SIZE) {
                throw new StoreException(StoreException.Reason.TOO_LARGE, "Value for key \"" + op.key()
                        + "\" is too large (" + op.value().length + " > " + KvStore.MAX_VALUE_SIZE + " bytes)");
            }
        }
    }
}
