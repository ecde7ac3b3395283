package io.cairn.format;

/** {@code consul kv}'s messages and its {@code -recurse} line. */
public final class KvOutput {

    private KvOutput() {
    }

    public static String written(String key) {
        return "Success! Data written to: " + key;
    }

    public static String noKey(String key) {
        return "Error! No key exists at: " + key;
    }

    /** A key and its value as {@code kv get -recurse} lists them. */
    public static String entry(String key, String value) {
        return key + ":" + value;
    }
}
