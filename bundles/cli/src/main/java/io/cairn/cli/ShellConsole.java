package io.cairn.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Karaf's SSH console of one agent ({@code ports.shell}), kept apart from every other agent of
 * the distribution: its host key and its one user's key pair live in {@code <data_dir>/shell/},
 * never in the shared {@code etc/}. Plain Java: the launcher prepares the files before Karaf
 * boots, {@code cairn shell} reads them.
 *
 * <ul>
 * <li>{@code host.key} / {@code host.key.pub}: the SSH server's RSA key (PKCS#8 / X.509 PEM,
 * as Karaf's host key provider reads them); {@code cairn shell} accepts no other server key.</li>
 * <li>{@code cairn.key} / {@code cairn.key.pub}: user {@value #USER}'s RSA key pair (PKCS#8 PEM,
 * mode 0600, which OpenSSH's {@code ssh -i} also reads; the public half as an
 * {@code authorized_keys} line).</li>
 * <li>{@code keys.properties}: the console realm's only user, {@value #USER}, with that public
 * key and the roles the console needs; rewritten at every start, so nothing added there survives.</li>
 * </ul>
 * Both keys are made once and kept across restarts of the agent.
 */
final class ShellConsole {

    static final String USER = "cairn";
    /** The roles of {@value #USER}: {@code ssh} lets it log in, the others run every command. */
    static final List<String> ROLES = List.of("ssh", "admin", "manager", "viewer", "systembundles");

    static final String HOST_KEY = "host.key";
    static final String HOST_KEY_PUB = "host.key.pub";
    static final String USER_KEY = "cairn.key";
    static final String USER_KEY_PUB = "cairn.key.pub";
    static final String KEYS = "keys.properties";

    private static final int RSA_BITS = 2048;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private ShellConsole() {
    }

    /** The agent's console directory. */
    static Path dir(Path dataDir) {
        return dataDir.resolve("shell");
    }

    /**
     * The address the console listens on: the agent's first client address; a wildcard
     * ({@code 0.0.0.0}, {@code ::}) means loopback, so the console is never open on every interface.
     */
    static String host(String clientAddr) {
        String first = clientAddr == null ? "" : clientAddr.trim().split("\\s+")[0];
        if (first.isEmpty() || first.equals("0.0.0.0")) {
            return "127.0.0.1";
        }
        if (first.equals("::") || first.equals("[::]") || first.equals("0:0:0:0:0:0:0:0")) {
            return "::1";
        }
        return first;
    }

    /**
     * Makes what the console needs in {@code dir}: the host key and the user's key pair when
     * missing, the user file always; private files readable by their owner only.
     */
    static void prepare(Path dir) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        restrict(dir, OWNER_DIR);
        Path hostKey = dir.resolve(HOST_KEY);
        if (!readable(hostKey)) {
            KeyPair host = generate();
            writePrivate(hostKey, pem("PRIVATE KEY", host.getPrivate().getEncoded()));
            writePublic(dir.resolve(HOST_KEY_PUB), pem("PUBLIC KEY", host.getPublic().getEncoded()));
        }
        restrict(hostKey, OWNER_ONLY);
        Path userKey = dir.resolve(USER_KEY);
        if (!readable(userKey)) {
            KeyPair user = generate();
            writePrivate(userKey, pem("PRIVATE KEY", user.getPrivate().getEncoded()));
        }
        restrict(userKey, OWNER_ONLY);
        RSAPublicKey userPublic = (RSAPublicKey) readKeyPair(userKey).getPublic();
        String wire = Base64.getEncoder().encodeToString(sshRsa(userPublic));
        writePublic(dir.resolve(USER_KEY_PUB), "ssh-rsa " + wire + " " + USER + "\n");
        Map<String, String> users = new LinkedHashMap<>();
        users.put(USER, wire + "," + String.join(",", ROLES));
        StringBuilder text = new StringBuilder()
                .append("# Written by cairn agent at every start: the SSH console's only user, its public key and roles.\n");
        users.forEach((name, value) -> text.append(name).append(" = ").append(value).append('\n'));
        writePrivate(dir.resolve(KEYS), text.toString());
    }

    /** An RSA key pair from a PKCS#8 PEM private key (the public half follows from it). */
    static KeyPair readKeyPair(Path pkcs8Pem) throws IOException, GeneralSecurityException {
        byte[] der = unpem(Files.readString(pkcs8Pem, StandardCharsets.US_ASCII), "PRIVATE KEY");
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        PrivateKey key = rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new GeneralSecurityException(pkcs8Pem + ": not an RSA private key with its public exponent");
        }
        PublicKey pub = rsa.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        return new KeyPair(pub, key);
    }

    /** A public key from an X.509 PEM file ({@code host.key.pub}). */
    static PublicKey readPublicKey(Path x509Pem) throws IOException, GeneralSecurityException {
        byte[] der = unpem(Files.readString(x509Pem, StandardCharsets.US_ASCII), "PUBLIC KEY");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    }

    /** The SSH wire encoding of an RSA public key (RFC 4253 6.6), as {@code authorized_keys} and Karaf's keys file hold it. */
    static byte[] sshRsa(RSAPublicKey key) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            byte[] type = "ssh-rsa".getBytes(StandardCharsets.US_ASCII);
            out.writeInt(type.length);
            out.write(type);
            for (BigInteger n : List.of(key.getPublicExponent(), key.getModulus())) {
                byte[] mpint = n.toByteArray();
                out.writeInt(mpint.length);
                out.write(mpint);
            }
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return bytes.toByteArray();
    }

    private static KeyPair generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(RSA_BITS);
        return generator.generateKeyPair();
    }

    private static boolean readable(Path privateKey) {
        try {
            readKeyPair(privateKey);
            return true;
        } catch (IOException | GeneralSecurityException | IllegalArgumentException missingOrBroken) {
            return false;
        }
    }

    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static byte[] unpem(String text, String type) throws GeneralSecurityException {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new GeneralSecurityException("not a PEM " + type);
        }
        return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    }

    /** Written beside, readable by the owner only from its first byte, then moved in place. */
    private static void writePrivate(Path file, String text) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        if (posix()) {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        Files.writeString(temp, text, StandardCharsets.US_ASCII);
        move(temp, file);
    }

    private static void writePublic(Path file, String text) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, text, StandardCharsets.US_ASCII);
        move(temp, file);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (posix()) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
