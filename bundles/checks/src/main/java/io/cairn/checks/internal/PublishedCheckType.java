package io.cairn.checks.internal;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import io.cairn.api.check.CheckContext;
import io.cairn.api.check.CheckResult;
import io.cairn.api.check.CheckType;
import io.cairn.api.config.CheckDefinition;

/**
 * The DS shell of a built-in check type: the component is the {@link CheckType} service and
 * hands every call to the plain-Java type it made on activation.
 */
abstract class PublishedCheckType implements CheckType {

    private volatile CheckType type;

    /** Called from the component's activation, before the service is visible. */
    void publish(CheckType published) {
        type = published;
    }

    @Override
    public CompletionStage<CheckResult> run(CheckDefinition check, CheckContext context) {
        return type.run(check, context);
    }

    @Override
    public Duration period(CheckDefinition check) {
        return type.period(check);
    }

    @Override
    public boolean passive() {
        return type.passive();
    }
}
