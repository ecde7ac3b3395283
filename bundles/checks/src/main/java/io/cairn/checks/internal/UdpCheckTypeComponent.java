package io.cairn.checks.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import io.cairn.api.check.CheckType;
import io.cairn.checks.UdpCheckType;

/** The built-in {@code udp} check type. */
@Component(service = CheckType.class, property = CheckType.TYPE_PROPERTY + "=" + UdpCheckType.NAME)
public class UdpCheckTypeComponent extends PublishedCheckType {

    private final UdpCheckType udp = new UdpCheckType();

    @Activate
    public UdpCheckTypeComponent() {
        publish(udp);
    }

    @Deactivate
    void deactivate() {
        udp.close();
    }
}
