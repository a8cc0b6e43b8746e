package io.healthstream.ingest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies a {@code Stripe-Signature} header as Stripe documents it: {@code t=<unix seconds>,v1=<hex>[,v1=...]},
 * each {@code v1} an HMAC-SHA256 of {@code "<t>.<raw body>"} with the endpoint secret; any one matching
 * {@code v1} passes (Stripe sends two while a secret is being rolled). A timestamp older than the tolerance is
 * refused, so a captured request cannot be replayed later.
 */
final class StripeSignature {
    static final String HEADER = "Stripe-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] secret;
    private final Duration tolerance;
    private final Clock clock;

    StripeSignature(String secret, Duration tolerance, Clock clock) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /** @throws BadSignatureException when the header is missing or malformed, too old, or no signature matches */
    void verify(Optional<String> header, byte[] payload) {
        String value = header.orElseThrow(() -> new BadSignatureException("no " + HEADER + " header"));
        Long timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String part : value.split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length != 2) {
                continue;
            }
            if (pair[0].equals("t")) {
                timestamp = parseTimestamp(pair[1]);
            } else if (pair[0].equals("v1")) {
                signatures.add(pair[1].getBytes(StandardCharsets.US_ASCII));
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            throw new BadSignatureException(HEADER + " has no t= timestamp or no v1= signature");
        }
        if (Instant.ofEpochSecond(timestamp).isBefore(clock.instant().minus(tolerance))) {
            throw new BadSignatureException(HEADER + " timestamp is older than the tolerance of " + tolerance);
        }
        byte[] expected = sign(timestamp, payload);
        // Constant time, so the answer's timing does not reveal how much of a forged signature was right.
        if (signatures.stream().noneMatch(given -> MessageDigest.isEqual(given, expected))) {
            throw new BadSignatureException(HEADER + " does not match the payload and the endpoint secret");
        }
    }

    /** The hex signature of {@code payload} at {@code timestamp}, as Stripe computes it. */
    byte[] sign(long timestamp, byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(payload)).getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + ALGORITHM, e);
        }
    }

    private static long parseTimestamp(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new BadSignatureException(HEADER + " timestamp is not a number");
        }
    }
}
