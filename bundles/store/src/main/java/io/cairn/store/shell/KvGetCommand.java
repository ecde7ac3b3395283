package io.cairn.store.shell;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.cairn.api.kv.KvEntry;
import io.cairn.api.kv.KvStore;
import io.cairn.format.KvOutput;

/** {@code cairn:kv-get key}: the value, as {@code cairn kv get} prints it. */
@Service
@Command(scope = "cairn", name = "kv-get", description = "Retrieves the value of a key")
public class KvGetCommand implements Action {

    @Reference
    KvStore kv;

    @Argument(index = 0, name = "key", required = true, description = "The key")
    String key;

    @Override
    public Object execute() throws Exception {
        Optional<KvEntry> entry = Reads.await(kv.get(key, Reads.NOW)).value();
        if (entry.isEmpty()) {
            System.err.println(KvOutput.noKey(key));
            return null;
        }
        System.out.println(new String(entry.get().value(), StandardCharsets.UTF_8));
        return null;
    }
}
