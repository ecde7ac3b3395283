package io.cairn.checks.internal;

import java.io.IOException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import io.cairn.api.check.CheckType;
import io.cairn.checks.TcpCheckType;

/** The built-in {@code tcp} check type. */
@Component(service = CheckType.class, property = CheckType.TYPE_PROPERTY + "=" + TcpCheckType.NAME)
public class TcpCheckTypeComponent extends PublishedCheckType {

    private final TcpCheckType tcp;

    @Activate
    public TcpCheckTypeComponent() throws IOException {
        tcp = new TcpCheckType();
        publish(tcp);
    }

    @Deactivate
    void deactivate() {
        tcp.close();
    }
}
