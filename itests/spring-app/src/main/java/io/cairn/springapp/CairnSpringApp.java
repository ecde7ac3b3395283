package io.cairn.springapp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * A plain Spring Boot application with Spring Cloud Consul discovery (TTL heartbeat, catalog
 * watch) and config (KV, blocking watch). Everything it learns from the agent is shown over
 * REST by {@link ProbeController}, so a test sees what the application's code sees.
 */
@SpringBootApplication
@EnableConfigurationProperties(GreetingProperties.class)
public class CairnSpringApp {

    public static void main(String[] args) {
        SpringApplication.run(CairnSpringApp.class, args);
    }
}
