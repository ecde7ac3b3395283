package io.cairn.config;

/**
 * Where a value sits while it is checked: the source (a file, or the command line) and the
 * dotted path inside it, e.g. {@code server.json: ports.https}. Problems are reported there.
 */
record Where(String source, String path, Problems problems) {

    Where at(String key) {
        return new Where(source, path.isEmpty() ? key : path + "." + key, problems);
    }

    Where at(int index) {
        return new Where(source, path + "[" + index + "]", problems);
    }

    void error(String message) {
        problems.error(source + ": " + path + ": " + message);
    }

    void warning(String message) {
        problems.warning(source + ": " + path + ": " + message);
    }
}
