package io.cairn.cli;

import java.security.SecureRandom;
import java.util.Base64;

import picocli.CommandLine.Command;

/** {@code cairn keygen}: a new gossip encryption key, 32 random bytes in base64, for {@code encrypt}. */
@Command(name = "keygen", description = "Generates a new encryption key")
final class KeygenCommand implements Runnable {

    @Override
    public void run() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        System.out.println(Base64.getEncoder().encodeToString(key));
    }
}
