package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellConsoleTest {

    @TempDir
    Path dataDir;

    @Test
    void makesOwnerOnlyKeysAndOneUserInTheAgentsDataDir() throws Exception {
        Path dir = ShellConsole.dir(dataDir);
        ShellConsole.prepare(dir);

        assertThat(dir).isEqualTo(dataDir.resolve("shell"));
        assertThat(perms(dir)).isEqualTo("rwx------");
        for (String secret : List.of("host.key", "cairn.key", "keys.properties")) {
            assertThat(perms(dir.resolve(secret))).as(secret).isEqualTo("rw-------");
        }
        assertThat(Files.readString(dir.resolve("cairn.key"))).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(Files.readString(dir.resolve("host.key.pub"))).startsWith("-----BEGIN PUBLIC KEY-----\n");
        assertThat(dir.resolve(ShellConsole.USER_KEY_PUB)).content().startsWith("ssh-rsa AAAA").endsWith(" cairn\n");

        // exactly one user, cairn, with the user key's public half and the roles a login needs
        Properties users = keys(dir);
        assertThat(users.stringPropertyNames()).containsExactly("cairn");
        String[] entry = users.getProperty("cairn").split(",");
        assertThat(List.of(entry).subList(1, entry.length)).contains("ssh", "admin");
        KeyPair user = ShellConsole.readKeyPair(dir.resolve("cairn.key"));
        assertThat(decodeSshRsa(entry[0])).isEqualTo(user.getPublic());
        assertThat(signsAndVerifies(user)).isTrue();

        // the host key's halves belong together, and differ from the user's
        KeyPair host = ShellConsole.readKeyPair(dir.resolve("host.key"));
        assertThat(ShellConsole.readPublicKey(dir.resolve("host.key.pub"))).isEqualTo(host.getPublic());
        assertThat(host.getPublic()).isNotEqualTo(user.getPublic());
        assertThat(((RSAPublicKey) host.getPublic()).getModulus().bitLength()).isEqualTo(2048);
    }

    @Test
    void keysSurviveARestartAndTheUserFileIsRewritten() throws Exception {
        Path dir = ShellConsole.dir(dataDir);
        ShellConsole.prepare(dir);
        String hostKey = Files.readString(dir.resolve("host.key"));
        String userKey = Files.readString(dir.resolve("cairn.key"));
        String users = Files.readString(dir.resolve("keys.properties"));
        Files.writeString(dir.resolve("keys.properties"), users + "intruder = AAAAB3NzaC1yc2E,ssh,admin\n");
        Files.setPosixFilePermissions(dir.resolve("cairn.key"), PosixFilePermissions.fromString("rw-r--r--"));

        ShellConsole.prepare(dir);

        assertThat(Files.readString(dir.resolve("host.key"))).isEqualTo(hostKey);
        assertThat(Files.readString(dir.resolve("cairn.key"))).isEqualTo(userKey);
        assertThat(keys(dir).stringPropertyNames()).containsExactly("cairn");
        assertThat(perms(dir.resolve("cairn.key"))).isEqualTo("rw-------");
    }

    @Test
    void aBrokenKeyIsMadeAnew() throws Exception {
        Path dir = ShellConsole.dir(dataDir);
        ShellConsole.prepare(dir);
        Files.writeString(dir.resolve("cairn.key"), "garbage");
        ShellConsole.prepare(dir);
        KeyPair user = ShellConsole.readKeyPair(dir.resolve("cairn.key"));
        assertThat(decodeSshRsa(keys(dir).getProperty("cairn").split(",")[0])).isEqualTo(user.getPublic());
    }

    /** What the console's realm runs: Karaf's public-key login module on the agent's user file. */
    @Test
    void karafsLoginModuleAcceptsTheUsersKeyOnlyWithItsRoles() throws Exception {
        Path dir = ShellConsole.dir(dataDir);
        ShellConsole.prepare(dir);
        KeyPair user = ShellConsole.readKeyPair(dir.resolve("cairn.key"));
        KeyPair stranger = ShellConsole.readKeyPair(dir.resolve("host.key"));

        javax.security.auth.Subject subject = new javax.security.auth.Subject();
        assertThat(login(dir, "cairn", user, subject)).isTrue();
        assertThat(subject.getPrincipals()).extracting(java.security.Principal::getName)
                .contains("cairn", "ssh", "admin");
        assertThat(subject.getPrincipals()).anyMatch(p -> p.getClass().getName()
                .equals("org.apache.karaf.jaas.boot.principal.RolePrincipal") && p.getName().equals("ssh"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> login(dir, "cairn", stranger, new javax.security.auth.Subject()))
                .isInstanceOf(javax.security.auth.login.FailedLoginException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> login(dir, "karaf", user, new javax.security.auth.Subject()))
                .isInstanceOf(javax.security.auth.login.FailedLoginException.class);
    }

    private static boolean login(Path dir, String name, KeyPair key, javax.security.auth.Subject subject) throws Exception {
        var module = new org.apache.karaf.jaas.modules.publickey.PublickeyLoginModule();
        module.initialize(subject, callbacks -> {
            for (var callback : callbacks) {
                if (callback instanceof javax.security.auth.callback.NameCallback n) {
                    n.setName(name);
                } else if (callback instanceof org.apache.karaf.jaas.modules.publickey.PublickeyCallback k) {
                    k.setPublicKey(key.getPublic());
                }
            }
        }, java.util.Map.of(), java.util.Map.of("users", dir.resolve("keys.properties").toString()));
        boolean in = module.login();
        module.commit();
        return in;
    }

    @Test
    void listensOnTheFirstClientAddressNeverOnAWildcard() {
        assertThat(ShellConsole.host("127.0.0.190")).isEqualTo("127.0.0.190");
        assertThat(ShellConsole.host("10.0.0.5 127.0.0.1")).isEqualTo("10.0.0.5");
        assertThat(ShellConsole.host("0.0.0.0")).isEqualTo("127.0.0.1");
        assertThat(ShellConsole.host("::")).isEqualTo("::1");
        assertThat(ShellConsole.host(null)).isEqualTo("127.0.0.1");
    }

    private static String perms(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static Properties keys(Path dir) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(dir.resolve("keys.properties"))) {
            p.load(in);
        }
        return p;
    }

    /** Reads the SSH wire format back, independently of the writer. */
    private static java.security.PublicKey decodeSshRsa(String base64) throws Exception {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
        byte[] type = new byte[in.readInt()];
        in.readFully(type);
        assertThat(new String(type, StandardCharsets.US_ASCII)).isEqualTo("ssh-rsa");
        byte[] e = new byte[in.readInt()];
        in.readFully(e);
        byte[] n = new byte[in.readInt()];
        in.readFully(n);
        assertThat(in.available()).isZero();
        return java.security.KeyFactory.getInstance("RSA").generatePublic(
                new java.security.spec.RSAPublicKeySpec(new BigInteger(n), new BigInteger(e)));
    }

    private static boolean signsAndVerifies(KeyPair pair) throws Exception {
        byte[] data = "cairn".getBytes(StandardCharsets.UTF_8);
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(pair.getPrivate());
        s.update(data);
        byte[] sig = s.sign();
        s.initVerify(pair.getPublic());
        s.update(data);
        return s.verify(sig);
    }
}
