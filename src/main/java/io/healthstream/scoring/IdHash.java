package io.healthstream.scoring;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A stable 64-bit digest of an id (MD5 folded to 64 bits, from the JDK): state keeps hashes instead of
 * id strings where it only needs to recognise an id again. Two different ids of one account collide
 * with a probability of about n^2 / 2^65 for n ids.
 */
public final class IdHash {
    private IdHash() {}

    public static long of(String id) {
        UUID digest = UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8));
        return digest.getMostSignificantBits() ^ digest.getLeastSignificantBits();
    }
}
