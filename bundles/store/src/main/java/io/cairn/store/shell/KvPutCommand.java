package io.cairn.store.shell;

import java.nio.charset.StandardCharsets;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.cairn.api.kv.KvPut;
import io.cairn.api.kv.KvStore;
import io.cairn.format.KvOutput;

/** {@code cairn:kv-put key [value]}: writes through the Raft log, as {@code cairn kv put} does. */
@Service
@Command(scope = "cairn", name = "kv-put", description = "Sets the value at a key")
public class KvPutCommand implements Action {

    @Reference
    KvStore kv;

    @Argument(index = 0, name = "key", required = true, description = "The key")
    String key;

    @Argument(index = 1, name = "value", description = "The value (empty if left out)")
    String value = "";

    @Override
    public Object execute() throws Exception {
        Reads.await(kv.put(KvPut.of(key, value.getBytes(StandardCharsets.UTF_8))));
        System.out.println(KvOutput.written(key));
        return null;
    }
}
