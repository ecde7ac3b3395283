package io.cairn.api.catalog;

/**
 * How often DNS picks an instance, by its health: the SRV weight of a passing instance and of
 * one with a warning.
 */
public record Weights(int passing, int warning) {

    /** Consul's default when a registration gives none. */
    public static final Weights DEFAULT = new Weights(1, 1);
}
