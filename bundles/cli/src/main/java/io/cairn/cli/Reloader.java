package io.cairn.cli;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;

/**
 * Reloads the running agent's configuration on SIGHUP. The service interface lives in the
 * API bundle's class loader, not on this class path, so it is called by name.
 */
final class Reloader {

    private static final String SERVICE = "io.cairn.api.config.AgentConfigService";

    private Reloader() {
    }

    /** Any registration: the system bundle does not import the API package, so no class-space filter. */
    private static ServiceReference<?> configService(BundleContext context) {
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(SERVICE, null);
            return refs == null ? null : refs[0];
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static void reload(Framework framework, PrintStream out) {
        if (framework == null) {
            return;
        }
        BundleContext context = framework.getBundleContext();
        ServiceReference<?> ref = configService(context);
        if (ref == null) {
            out.println("==> Reload ignored: the configuration service is not running");
            return;
        }
        Object service = context.getService(ref);
        try {
            service.getClass().getMethod("reload").invoke(service);
            out.println("==> Configuration reloaded");
        } catch (InvocationTargetException e) {
            out.println("==> Reload failed, configuration unchanged:\n" + e.getCause().getMessage());
        } catch (ReflectiveOperationException e) {
            out.println("==> Reload failed: " + e);
        } finally {
            context.ungetService(ref);
        }
    }
}
