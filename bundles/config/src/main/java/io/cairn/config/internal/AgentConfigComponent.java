package io.cairn.config.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cairn.api.config.AgentConfig;
import io.cairn.api.config.AgentConfigService;
import io.cairn.api.config.ConfigException;
import io.cairn.config.ConfigLoader;
import io.cairn.config.Environment;
import io.cairn.config.LoadedConfig;

/**
 * Publishes the agent's configuration. The launcher passes the original {@code cairn agent}
 * arguments as a JSON array in the framework property {@value #ARGS_PROPERTY}; without it
 * the agent runs as {@code -dev}. A reload re-reads the same flags, files and directories.
 */
@Component(service = AgentConfigService.class)
public class AgentConfigComponent implements AgentConfigService {

    static final String ARGS_PROPERTY = "cairn.agent.args";

    private static final Logger LOG = LoggerFactory.getLogger(AgentConfigComponent.class);

    private final List<Consumer<AgentConfig>> listeners = new CopyOnWriteArrayList<>();
    private final ConfigLoader loader = new ConfigLoader(new OneTemporaryDataDir(Environment.LOCAL));
    private List<String> args;
    private volatile AgentConfig current;

    @Activate
    void activate(BundleContext context) throws ConfigException, JsonProcessingException {
        String property = context.getProperty(ARGS_PROPERTY);
        args = property == null ? List.of("-dev")
                : List.of(new ObjectMapper().readValue(property, String[].class));
        current = load();
    }

    @Override
    public AgentConfig current() {
        return current;
    }

    @Override
    public synchronized AgentConfig reload() throws ConfigException {
        current = load();
        listeners.forEach(listener -> listener.accept(current));
        return current;
    }

    @Override
    public void addListener(Consumer<AgentConfig> listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Consumer<AgentConfig> listener) {
        listeners.remove(listener);
    }

    private AgentConfig load() throws ConfigException {
        LoadedConfig loaded = loader.load(args);
        loaded.warnings().forEach(LOG::warn);
        return loaded.config();
    }
}
