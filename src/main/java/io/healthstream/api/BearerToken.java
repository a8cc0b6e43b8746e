package io.healthstream.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** Checks an Authorization header against the configured bearer token, if any; shared by every HTTP listener. */
public final class BearerToken {
    private static final String SCHEME = "Bearer ";

    private final Optional<byte[]> expected;

    public BearerToken(Optional<String> token) {
        this.expected = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    public boolean permits(Optional<String> authorization) {
        if (expected.isEmpty()) {
            return true;
        }
        return authorization
                .filter(header -> header.regionMatches(true, 0, SCHEME, 0, SCHEME.length()))
                .map(header -> header.substring(SCHEME.length()).trim().getBytes(StandardCharsets.UTF_8))
                // Constant time, so the answer's timing does not reveal how much of a guess was right.
                .map(given -> MessageDigest.isEqual(given, expected.get()))
                .orElse(false);
    }
}
