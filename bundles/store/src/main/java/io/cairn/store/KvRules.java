package io.cairn.store;

import io.cairn.api.consensus.StoreException;
import io.cairn.api.kv.KvStore;

/**
 * What makes a KV write acceptable, checked before it is sent (a clear error at once) and
 * again by the leader before it enters the log (nothing invalid is ever replicated).
 */
public final class KvRules {

    private KvRules() {
    }

    public static void check(Command command) {
        switch (command.type()) {
            case KV_SET -> checkWrite(((Command.KvSet) command).key(), ((Command.KvSet) command).value());
            case KV_CAS -> checkWrite(((Command.KvCas) command).key(), ((Command.KvCas) command).value());
            case KV_DELETE -> checkKey(((Command.KvDelete) command).key());
            case KV_DELETE_CAS -> checkKey(((Command.KvDeleteCas) command).key());
            // the empty prefix is allowed: it deletes the whole store, as Consul's recurse on the root
            case KV_DELETE_TREE -> { }
            case KV_LOCK -> checkWrite(((Command.KvLock) command).key(), ((Command.KvLock) command).value());
            case KV_UNLOCK -> checkWrite(((Command.KvUnlock) command).key(), ((Command.KvUnlock) command).value());
            case TXN -> TxnRules.check((Command.Txn) command);
            case BATCH -> ((Command.Batch) command).commands().forEach(KvRules::check);
            // commands of other capabilities have no KV rules
            default -> { }
        }
    }

    private static void checkWrite(String key, byte[] value) {
        checkKey(key);
        if (value.length > KvStore.MAX_VALUE_SIZE) {
            throw new StoreException(StoreException.Reason.TOO_LARGE, "Request body(" + value.length
                    + " bytes) too large, max size: " + KvStore.MAX_VALUE_SIZE + " bytes.");
        }
    }

    private static void checkKey(String key) {
        if (key.isEmpty()) {
            throw new StoreException(StoreException.Reason.BAD_REQUEST, "Missing key name");
        }
    }
}
