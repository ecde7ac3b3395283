package io.cairn.plugins;

import java.util.List;

/**
 * A plugin as {@code GET /v1/agent/plugins} and {@code cairn plugin list} show it.
 *
 * @param name       the bundle's symbolic name: what {@code cairn plugin remove} takes
 * @param version    the bundle's version
 * @param state      the bundle's state: {@code active}, {@code resolved}, {@code installed} (dependencies missing)...
 * @param source     where it came from: {@code upload}, a {@code mvn:} URL, {@code deploy:<file>} of the deploy folder
 * @param checkTypes the {@code check.type}s it provides now
 */
public record Plugin(long bundleId, String name, String version, String state, String source, List<String> checkTypes) {

    public Plugin {
        checkTypes = List.copyOf(checkTypes);
    }

    /** The source of a plugin from the deploy folder: {@code deploy:<file name>}. */
    public static String deploySource(String fileName) {
        return "deploy:" + fileName;
    }
}
