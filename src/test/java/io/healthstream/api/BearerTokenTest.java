package io.healthstream.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class BearerTokenTest {
    private final BearerToken token = new BearerToken(Optional.of("s3cret-token-0123456789"));

    @Test
    void theRightTokenIsLetThroughWhateverTheSchemeCase() {
        assertThat(token.permits(Optional.of("Bearer s3cret-token-0123456789"))).isTrue();
        assertThat(token.permits(Optional.of("bearer s3cret-token-0123456789"))).isTrue();
    }

    @Test
    void aMissingWrongOrNonBearerCredentialIsRefused() {
        assertThat(token.permits(Optional.empty())).isFalse();
        assertThat(token.permits(Optional.of("Bearer s3cret-token-012345678"))).isFalse();
        assertThat(token.permits(Optional.of("Basic s3cret-token-0123456789"))).isFalse();
        assertThat(token.permits(Optional.of("Bearer"))).isFalse();
    }

    @Test
    void withoutAConfiguredTokenEveryoneIsLetThrough() {
        assertThat(new BearerToken(Optional.empty()).permits(Optional.empty())).isTrue();
    }
}
