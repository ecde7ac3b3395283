package io.cairn.membership;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the members of one pool answered to a keyring operation, as serf's key manager sums
 * it up: how many members there are and answered, how many hold each key (and have it as
 * primary), and what those that refused said.
 */
public record KeyringResult(int numNodes, int numResponses, int numErrors, Map<String, Integer> keys,
                            Map<String, Integer> primaryKeys, Map<String, String> messages) {

    public KeyringResult {
        keys = Map.copyOf(keys);
        primaryKeys = Map.copyOf(primaryKeys);
        messages = Map.copyOf(messages);
    }

    static KeyringResult of(int numNodes, List<KeyringMessage.Reply> replies) {
        Map<String, Integer> keys = new TreeMap<>();
        Map<String, Integer> primary = new TreeMap<>();
        Map<String, String> messages = new TreeMap<>();
        int errors = 0;
        for (KeyringMessage.Reply reply : replies) {
            if (reply.failed()) {
                errors++;
                messages.put(reply.node(), reply.error());
            }
            for (String key : reply.keys()) {
                keys.merge(key, 1, Integer::sum);
            }
            if (!reply.keys().isEmpty()) {
                primary.merge(reply.keys().get(0), 1, Integer::sum);
            }
        }
        return new KeyringResult(Math.max(numNodes, replies.size()), replies.size(), errors, keys, primary, messages);
    }

    /** serf's verdict: some member refused, or some did not answer in time. */
    public Optional<String> error() {
        if (numErrors > 0) {
            return Optional.of(numErrors + "/" + numNodes + " nodes reported failure");
        }
        if (numResponses != numNodes) {
            return Optional.of(numResponses + "/" + numNodes + " nodes reported success");
        }
        return Optional.empty();
    }
}
