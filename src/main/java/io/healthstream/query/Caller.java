package io.healthstream.query;

import java.util.Optional;

/**
 * Who asks, as far as forwarding needs to know: the credentials to pass on to the owning instance, and
 * whether another instance already forwarded the question (it is then answered here, never forwarded twice).
 */
public record Caller(Optional<String> authorization, boolean forwarded) {
    /** A question asked here first, without credentials. */
    public static final Caller LOCAL = new Caller(Optional.empty(), false);
}
