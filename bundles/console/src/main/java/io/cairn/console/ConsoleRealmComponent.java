package io.cairn.console;

import java.nio.file.Path;

import javax.security.auth.login.AppConfigurationEntry;

import org.apache.karaf.jaas.config.JaasRealm;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.cairn.api.config.AgentConfigService;

/** Publishes the agent's console realm ({@link ConsoleRealm}) to Karaf's JAAS configuration. */
@Component(service = JaasRealm.class)
public final class ConsoleRealmComponent implements JaasRealm {

    private final ConsoleRealm realm;

    @Activate
    public ConsoleRealmComponent(@Reference AgentConfigService config, BundleContext context) {
        Path dataDir = Path.of(config.current().dataDir()).toAbsolutePath();
        this.realm = new ConsoleRealm(dataDir, context.getBundle().getBundleId(), context);
    }

    @Override
    public String getName() {
        return ConsoleRealm.NAME;
    }

    @Override
    public int getRank() {
        return 0;
    }

    @Override
    public AppConfigurationEntry[] getEntries() {
        return realm.entries();
    }
}
