package io.cairn.springapp;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Bound from {@code greeting.*}: defaults in application.properties, overridden from Consul KV. */
@ConfigurationProperties("greeting")
public class GreetingProperties {

    private String message = "unset";
    private String target = "unset";

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }
}
