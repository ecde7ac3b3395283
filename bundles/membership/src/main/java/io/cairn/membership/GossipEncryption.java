package io.cairn.membership;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.Event;
import org.jgroups.Message;
import org.jgroups.stack.Protocol;
import org.jgroups.util.ByteArray;
import org.jgroups.util.MessageBatch;
import org.jgroups.util.Util;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gossip encryption: sits right above the transport and seals every message whole, headers
 * included, with AES-GCM under the pool key. Sealing the headers too (not only the payload, as
 * SYM_ENCRYPT does) is what keeps a member without the key out: its discovery and join
 * requests are headers only, and they are dropped here, unread, with a warning.
 *
 * <p>Wire: a 12-byte random nonce, then the ciphertext of the serialized message and its tag.
 */
public final class GossipEncryption extends Protocol {

    private static final Logger LOG = LoggerFactory.getLogger(GossipEncryption.class);
    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** A peer with the wrong key retries all the time: say it once a minute per peer. */
    private static final Duration WARN_EVERY = Duration.ofMinutes(1);

    /**
     * Each sending thread's nonce source and cipher: the platform's default SecureRandom
     * (NativePRNG) serializes every caller in the JVM on one lock, and looking a cipher up costs a
     * provider search each time; a pool seals every message it sends.
     */
    private static final ThreadLocal<SecureRandom> NONCES = ThreadLocal.withInitial(GossipEncryption::drbg);
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(GossipEncryption::cipher);

    private final Keyring keyring;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Instant> lastWarned = new ConcurrentHashMap<>();

    /** @param keyring seals with its primary key, opens with any of its keys; may change at any time */
    public GossipEncryption(Keyring keyring) {
        this.keyring = keyring;
    }

    @Override
    public Object down(Message msg) {
        try {
            return down_prot.down(seal(msg));
        } catch (Exception e) {
            throw new IllegalStateException("gossip encryption failed", e);
        }
    }

    @Override
    public Object up(Message msg) {
        Message opened = open(msg);
        return opened == null ? null : up_prot.up(opened);
    }

    @Override
    public void up(MessageBatch batch) {
        List<Message> opened = new ArrayList<>(batch.size());
        for (Message msg : batch) {
            Message m = open(msg);
            if (m != null) {
                opened.add(m);
            }
        }
        if (!opened.isEmpty()) {
            up_prot.up(new MessageBatch(batch.dest(), batch.sender(), batch.clusterName(), batch.multicast(), opened));
        }
    }

    private Message seal(Message msg) throws Exception {
        ByteArray plain = Util.messageToBuffer(msg);
        byte[] nonce = new byte[NONCE_BYTES];
        NONCES.get().nextBytes(nonce);
        Cipher cipher = CIPHERS.get();
        cipher.init(Cipher.ENCRYPT_MODE, keyring.primary(), new GCMParameterSpec(TAG_BITS, nonce));
        byte[] sealed = new byte[NONCE_BYTES + cipher.getOutputSize(plain.getLength())];
        System.arraycopy(nonce, 0, sealed, 0, NONCE_BYTES);
        cipher.doFinal(plain.getArray(), plain.getOffset(), plain.getLength(), sealed, NONCE_BYTES);
        // the transport reads destination and flags (out-of-band, bundling) from the outer message
        Message outer = new BytesMessage(msg.getDest(), sealed);
        outer.setFlag(msg.getFlags(false), false, false);
        outer.setFlag(msg.getFlags(true), true, false);
        return outer;
    }

    /** The message inside, or null when it was sealed with none of our keys. */
    private Message open(Message outer) {
        Exception failure = null;
        byte[] sealed = outer.getArray();
        int offset = outer.getOffset();
        int length = outer.getLength();
        if (sealed == null || length <= NONCE_BYTES) {
            rejected(outer.getSrc(), new GeneralSecurityException("not sealed"));
            return null;
        }
        // the primary first: after a rotation has settled, every message opens at the first try
        for (SecretKey key : keyring.keys()) {
            byte[] plain;
            try {
                Cipher cipher = CIPHERS.get();
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, offset, NONCE_BYTES));
                plain = cipher.doFinal(sealed, offset + NONCE_BYTES, length - NONCE_BYTES);
            } catch (GeneralSecurityException e) {
                failure = e;
                continue;
            }
            try {
                Message inner = Util.messageFromBuffer(plain, 0, plain.length);
                return inner.setSrc(outer.getSrc());
            } catch (Exception e) {
                rejected(outer.getSrc(), e);
                return null;
            }
        }
        rejected(outer.getSrc(), failure);
        return null;
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no DRBG SecureRandom in this JVM", e);
        }
    }

    private static Cipher cipher() {
        try {
            return Cipher.getInstance(CIPHER);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no " + CIPHER + " cipher in this JVM", e);
        }
    }

    private void rejected(Address sender, Exception cause) {
        Object physical = sender == null ? null : down_prot.down(new Event(Event.GET_PHYSICAL_ADDRESS, sender));
        String from = physical != null ? physical.toString() : String.valueOf(sender);
        Instant now = clock.instant();
        Instant last = lastWarned.get(from);
        if (last == null || last.plus(WARN_EVERY).isBefore(now)) {
            lastWarned.put(from, now);
            LOG.warn("Gossip: rejected a message from {}: not sealed with this pool's encryption key ({})",
                    from, cause.getClass().getSimpleName());
        }
    }
}
