package io.cairn.checks.internal;

import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.cairn.api.catalog.Catalog;
import io.cairn.api.check.CheckType;
import io.cairn.api.config.AgentConfigService;
import io.cairn.checks.AliasCheckType;

/** The built-in {@code alias} check type; reads whichever Catalog service is there (store or RPC). */
@Component(service = CheckType.class, property = CheckType.TYPE_PROPERTY + "=" + AliasCheckType.NAME)
public class AliasCheckTypeComponent extends PublishedCheckType {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Catalog catalog;

    @Activate
    public AliasCheckTypeComponent(@Reference AgentConfigService config) {
        publish(new AliasCheckType(() -> Optional.ofNullable(catalog), () -> config.current().nodeName()));
    }
}
