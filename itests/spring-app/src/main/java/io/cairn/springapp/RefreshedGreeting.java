package io.cairn.springapp;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.context.config.annotation.RefreshScope;
import org.springframework.stereotype.Component;

/** A {@code @RefreshScope} bean: rebuilt with the new value after the config watch's refresh. */
@Component
@RefreshScope
public class RefreshedGreeting {

    private final String message;

    public RefreshedGreeting(@Value("${greeting.message}") String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }
}
