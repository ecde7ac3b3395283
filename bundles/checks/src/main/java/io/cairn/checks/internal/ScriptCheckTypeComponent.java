package io.cairn.checks.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import io.cairn.api.check.CheckType;
import io.cairn.api.config.AgentConfig;
import io.cairn.api.config.AgentConfigService;
import io.cairn.checks.ScriptCheckType;

/** The built-in {@code script} check type, running only while the configuration allows scripts. */
@Component(service = CheckType.class, property = CheckType.TYPE_PROPERTY + "=" + ScriptCheckType.NAME)
public class ScriptCheckTypeComponent extends PublishedCheckType {

    private final ScriptCheckType script;

    @Activate
    public ScriptCheckTypeComponent(@Reference AgentConfigService config) {
        script = new ScriptCheckType(() -> {
            AgentConfig current = config.current();
            return current.enableScriptChecks() || current.enableLocalScriptChecks();
        });
        publish(script);
    }

    @Deactivate
    void deactivate() {
        script.close();
    }
}
