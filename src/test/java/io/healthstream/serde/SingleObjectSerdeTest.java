package io.healthstream.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthstream.avro.KpiDelta;
import io.healthstream.avro.UsageEvent;
import io.healthstream.testdata.Events;
import java.io.IOException;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** Defect 7 of issue 13: the engine's own state is written without a registry id. */
class SingleObjectSerdeTest {
    @Test
    void aRecordRoundTripsWithTheSingleObjectMarkerAndNoRegistryId() {
        Serde<UsageEvent> serde = SingleObjectSerde.of(UsageEvent.class);
        UsageEvent event = Events.usageWithEveryField().avro();

        byte[] bytes = serde.serializer().serialize("accounts-changelog", event);

        assertThat(Arrays.copyOf(bytes, 2)).containsExactly((byte) 0xC3, (byte) 0x01);
        assertThat(serde.deserializer().deserialize("accounts-changelog", bytes))
                .isEqualTo(event);
    }

    /** The serde encodes into its own reused buffer: its bytes must be Avro's, and each call's its own. */
    @Test
    void writesWhatAvrosEncoderWritesAndNeverHandsOutItsBuffer() throws IOException {
        Serde<UsageEvent> serde = SingleObjectSerde.of(UsageEvent.class);
        UsageEvent small = Events.usageWithEveryField().avro();
        UsageEvent large = UsageEvent.newBuilder(small)
                .setAction("a".repeat(10_000)) // beyond the buffer's first 4 KiB
                .build();

        byte[] first = serde.serializer().serialize("t", small);
        byte[] second = serde.serializer().serialize("t", large);
        byte[] third = serde.serializer().serialize("t", small);

        assertThat(first).isEqualTo(UsageEvent.getEncoder().encode(small).array());
        assertThat(second).isEqualTo(UsageEvent.getEncoder().encode(large).array());
        assertThat(third).isEqualTo(first).isNotSameAs(first);
        assertThat(serde.deserializer().deserialize("t", second)).isEqualTo(large);
    }

    @Test
    void stateOfAnotherFormatSaysToResetAndReprocess() {
        byte[] confluentWire = {0, 0, 0, 0, 7, 2, 'a'};

        assertThatThrownBy(() ->
                        SingleObjectSerde.of(KpiDelta.class).deserializer().deserialize("kpi-outbox", confluentWire))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Cannot read io.healthstream.avro.KpiDelta from kpi-outbox (")
                .hasMessageEndingWith("it was not written by this release of healthstream; reset the application and"
                        + " reprocess (README, \"State stores\")");
    }
}
