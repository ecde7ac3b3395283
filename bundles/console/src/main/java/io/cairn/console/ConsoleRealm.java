package io.cairn.console;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;

import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.modules.publickey.PublickeyLoginModule;

/**
 * The JAAS realm of one agent's SSH console: public keys only, checked by Karaf's public-key
 * login module against the agent's own user file ({@code <data_dir>/shell/keys.properties},
 * which the launcher writes). There is no password module, so no password ever logs in; the
 * distribution's {@code etc/users.properties} and {@code etc/keys.properties} play no part.
 * Plain Java: the component only hands it the agent's data dir and the bundle that loads the module.
 */
public final class ConsoleRealm {

    /** The realm's name, {@code sshRealm} in {@code etc/org.apache.karaf.shell.cfg}. */
    public static final String NAME = "cairn";

    private final Path usersFile;
    private final long loaderBundleId;
    private final Object bundleContext;

    /**
     * @param dataDir        the agent's data dir
     * @param loaderBundleId the bundle whose class loader sees the login module (this one)
     * @param bundleContext  handed to the login module as Karaf's realms do
     */
    public ConsoleRealm(Path dataDir, long loaderBundleId, Object bundleContext) {
        this.usersFile = usersFile(dataDir);
        this.loaderBundleId = loaderBundleId;
        this.bundleContext = bundleContext;
    }

    public static Path usersFile(Path dataDir) {
        return dataDir.resolve("shell").resolve("keys.properties");
    }

    public AppConfigurationEntry[] entries() {
        Map<String, Object> options = new HashMap<>();
        options.put(ProxyLoginModule.PROPERTY_MODULE, PublickeyLoginModule.class.getName());
        options.put(ProxyLoginModule.PROPERTY_BUNDLE, Long.toString(loaderBundleId));
        options.put("org.osgi.framework.BundleContext", bundleContext);
        options.put("users", usersFile.toString());
        options.put("detailed.login.exception", "false");
        return new AppConfigurationEntry[] {
                new AppConfigurationEntry(ProxyLoginModule.class.getName(), LoginModuleControlFlag.REQUIRED, options),
        };
    }
}
