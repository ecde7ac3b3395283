package io.cairn.store.shell;

import java.nio.charset.StandardCharsets;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.cairn.api.kv.KvEntry;
import io.cairn.api.kv.KvStore;
import io.cairn.format.KvOutput;

/** {@code cairn:kv-list [prefix]}: every key under the prefix with its value, as {@code cairn kv get -recurse} prints them. */
@Service
@Command(scope = "cairn", name = "kv-list", description = "Lists the keys under a prefix with their values")
public class KvListCommand implements Action {

    @Reference
    KvStore kv;

    @Argument(index = 0, name = "prefix", description = "The prefix (every key if left out)")
    String prefix = "";

    @Override
    public Object execute() throws Exception {
        for (KvEntry entry : Reads.await(kv.list(prefix, Reads.NOW)).value()) {
            System.out.println(KvOutput.entry(entry.key(), new String(entry.value(), StandardCharsets.UTF_8)));
        }
        return null;
    }
}
