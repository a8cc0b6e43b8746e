package io.healthstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StripeSignatureTest {
    private static final String SECRET = "whsec_test_secret";
    private static final Instant NOW = Instant.parse("2026-11-02T09:00:00Z");
    private static final Duration TOLERANCE = Duration.ofSeconds(300);
    private static final byte[] BODY = Fixtures.bytes("stripe/subscription-created-trialing.json");

    private final StripeSignature signature = signature(SECRET);

    @Test
    @DisplayName("a body signed with the endpoint secret within the tolerance passes")
    void validSignaturePasses() {
        assertThatCode(() -> signature.verify(header(SECRET, NOW.getEpochSecond(), BODY), BODY))
                .doesNotThrowAnyException();
    }

    @Test
    @DisplayName("a signature computed as Stripe documents it: hex HMAC-SHA256 of \"t.payload\"")
    void signatureIsHmacOfTimestampDotPayload() {
        // Worked out apart from this code: printf '1.{}' | openssl dgst -sha256 -hmac whsec_test_secret
        byte[] actual = signature.sign(1, "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(actual, StandardCharsets.US_ASCII))
                .isEqualTo("5bf3deb7e4bfc9899b179a53c4675ef3ab9ca8c5cd0df9e0ed182c5d798cfbb2");
    }

    @Test
    @DisplayName("one matching v1 among several passes, as while Stripe rolls the secret")
    void anyMatchingSignaturePasses() {
        String header = "t=" + NOW.getEpochSecond() + ",v1=" + "0".repeat(64) + ","
                + header(SECRET, NOW.getEpochSecond(), BODY).orElseThrow().split(",")[1] + ",v0=ignored";
        assertThatCode(() -> signature.verify(Optional.of(header), BODY)).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("a body signed with another secret is refused")
    void wrongSecretIsRefused() {
        assertThatThrownBy(() -> signature.verify(header("whsec_other", NOW.getEpochSecond(), BODY), BODY))
                .isInstanceOf(BadSignatureException.class)
                .hasMessageContaining("does not match")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    @DisplayName("a timestamp older than the tolerance is refused even when the signature is right")
    void staleTimestampIsRefused() {
        long stale = NOW.minus(TOLERANCE).minusSeconds(1).getEpochSecond();
        assertThatThrownBy(() -> signature.verify(header(SECRET, stale, BODY), BODY))
                .isInstanceOf(BadSignatureException.class)
                .hasMessageContaining("older than the tolerance");
    }

    @Test
    @DisplayName("a timestamp exactly at the tolerance still passes")
    void timestampAtTheTolerancePasses() {
        long edge = NOW.minus(TOLERANCE).getEpochSecond();
        assertThatCode(() -> signature.verify(header(SECRET, edge, BODY), BODY)).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("a body changed after signing is refused")
    void tamperedBodyIsRefused() {
        Optional<String> header = header(SECRET, NOW.getEpochSecond(), BODY);
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8)
                .replace("\"unit_amount\": 2900", "\"unit_amount\": 29")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(Arrays.equals(tampered, BODY)).isFalse();
        assertThatThrownBy(() -> signature.verify(header, tampered)).isInstanceOf(BadSignatureException.class);
    }

    @Test
    @DisplayName("a missing or malformed header is refused")
    void missingHeaderIsRefused() {
        assertThatThrownBy(() -> signature.verify(Optional.empty(), BODY))
                .isInstanceOf(BadSignatureException.class)
                .hasMessageContaining("no Stripe-Signature");
        assertThatThrownBy(() -> signature.verify(Optional.of("v1=abc"), BODY))
                .isInstanceOf(BadSignatureException.class)
                .hasMessageContaining("no t= timestamp");
        assertThatThrownBy(() -> signature.verify(Optional.of("t=soon,v1=abc"), BODY))
                .isInstanceOf(BadSignatureException.class)
                .hasMessageContaining("not a number");
    }

    private static StripeSignature signature(String secret) {
        return new StripeSignature(secret, TOLERANCE, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** The header Stripe would send for {@code body} signed with {@code secret} at {@code timestamp}. */
    static Optional<String> header(String secret, long timestamp, byte[] body) {
        return Optional.of("t=" + timestamp + ",v1="
                + new String(signature(secret).sign(timestamp, body), StandardCharsets.US_ASCII));
    }
}
