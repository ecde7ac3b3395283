package io.cairn.membership;

import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** The gossip encryption key ({@code encrypt}): base64 of 16, 24 or 32 bytes, an AES key. */
public final class GossipKey {

    private GossipKey() {
    }

    public static SecretKey parse(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("encrypt: not base64: " + e.getMessage());
        }
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("encrypt: the key must be 16, 24 or 32 bytes, got " + key.length);
        }
        return new SecretKeySpec(key, "AES");
    }

    /** What {@code cairn keygen} prints: 32 random bytes, base64. */
    public static String generate() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
