package io.healthstream.tools.generator;

import io.healthstream.avro.NpsResponse;
import io.healthstream.avro.UsageEvent;
import io.healthstream.topology.Topics;
import java.util.SplittableRandom;

/**
 * The imperfections of real event streams, in deterministic doses: redelivered duplicates (same
 * event id), events that arrive days late, and events that break the contract (NPS 11, a negative
 * count, no account id) so the dead-letter topic sees traffic.
 */
final class Noise {
    static final double DUPLICATE_SHARE = 0.01;
    static final double LATE_SHARE = 0.005;
    static final double INVALID_SHARE = 0.005;
    static final int MAX_DAYS_LATE = 3;

    private final SplittableRandom random;

    Noise(long seed) {
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    }

    boolean duplicate() {
        return random.nextDouble() < DUPLICATE_SHARE;
    }

    /** Days to hold the event back, 0 for on time. */
    int daysLate() {
        return random.nextDouble() < LATE_SHARE ? 1 + random.nextInt(MAX_DAYS_LATE) : 0;
    }

    /** An invalid event modelled on {@code original}, or null for none this time. */
    GeneratedEvent invalidVariantOf(GeneratedEvent original) {
        if (random.nextDouble() >= INVALID_SHARE) {
            return null;
        }
        String account = original.key();
        String id = account + "-invalid-" + Long.toHexString(random.nextLong());
        return switch (random.nextInt(3)) {
            case 0 ->
                new GeneratedEvent(
                        Topics.NPS_RESPONSES,
                        account,
                        NpsResponse.newBuilder()
                                .setEventId(id)
                                .setAccountId(account)
                                .setUserId(account + "-user-0")
                                .setOccurredAt(original.occurredAt())
                                .setScore(11)
                                .setComment(null)
                                .build(),
                        original.occurredAt());
            case 1 ->
                new GeneratedEvent(
                        Topics.USAGE_EVENTS, account, usage(id, account, original, -3), original.occurredAt());
            default -> new GeneratedEvent(Topics.USAGE_EVENTS, "", usage(id, "", original, 1), original.occurredAt());
        };
    }

    private static UsageEvent usage(String id, String account, GeneratedEvent original, int count) {
        return UsageEvent.newBuilder()
                .setEventId(id)
                .setAccountId(account)
                .setUserId("unknown")
                .setOccurredAt(original.occurredAt())
                .setAction(Catalog.LOGIN)
                .setCount(count)
                .setOnboardingStep(null)
                .build();
    }
}
