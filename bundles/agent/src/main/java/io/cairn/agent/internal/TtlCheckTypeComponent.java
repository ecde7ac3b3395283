package io.cairn.agent.internal;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import org.osgi.service.component.annotations.Component;

import io.cairn.agent.TtlCheckType;
import io.cairn.api.check.CheckContext;
import io.cairn.api.check.CheckResult;
import io.cairn.api.check.CheckType;
import io.cairn.api.config.CheckDefinition;

/** Publishes the built-in TTL check type through the same SPI a plugin uses. */
@Component(immediate = true, service = CheckType.class, property = CheckType.TYPE_PROPERTY + "=" + TtlCheckType.NAME)
public class TtlCheckTypeComponent implements CheckType {

    private final TtlCheckType ttl = new TtlCheckType();

    @Override
    public CompletionStage<CheckResult> run(CheckDefinition check, CheckContext context) {
        return ttl.run(check, context);
    }

    @Override
    public Duration period(CheckDefinition check) {
        return ttl.period(check);
    }

    @Override
    public boolean passive() {
        return ttl.passive();
    }
}
