package io.cairn.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import javax.security.auth.login.AppConfigurationEntry;

import org.junit.jupiter.api.Test;

class ConsoleRealmTest {

    @Test
    void onePublicKeyModuleOnTheAgentsOwnUserFile() {
        Object context = new Object();
        AppConfigurationEntry[] entries = new ConsoleRealm(Path.of("/var/lib/cairn"), 42, context).entries();

        // no password module: a password never logs in
        assertThat(entries).hasSize(1);
        AppConfigurationEntry entry = entries[0];
        assertThat(entry.getLoginModuleName()).isEqualTo("org.apache.karaf.jaas.boot.ProxyLoginModule");
        assertThat(entry.getControlFlag()).isEqualTo(AppConfigurationEntry.LoginModuleControlFlag.REQUIRED);
        assertThat(java.util.Map.<String, Object>copyOf(entry.getOptions()))
                .containsEntry("org.apache.karaf.jaas.module", "org.apache.karaf.jaas.modules.publickey.PublickeyLoginModule")
                .containsEntry("org.apache.karaf.jaas.bundle", "42")
                .containsEntry("users", "/var/lib/cairn/shell/keys.properties")
                .containsEntry("org.osgi.framework.BundleContext", context);
        assertThat(ConsoleRealm.NAME).isEqualTo("cairn");
    }
}
