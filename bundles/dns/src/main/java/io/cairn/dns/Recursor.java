package io.cairn.dns;

import java.util.concurrent.CompletionStage;

import org.xbill.DNS.Message;

/** Where queries for names outside Cairn's domains go ({@code recursors}). */
public interface Recursor {

    /**
     * The first usable answer of the upstream servers, tried in order; completes
     * exceptionally when none answered in time or all failed.
     */
    CompletionStage<Message> forward(Message query);
}
