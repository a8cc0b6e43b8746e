package io.healthstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthstream.avro.SupportTicketEvent;
import io.healthstream.avro.TicketPriority;
import io.healthstream.avro.TicketStatus;
import io.healthstream.avro.UsageEvent;
import io.healthstream.serde.AvroSerdes;
import io.healthstream.serde.InMemorySchemaRegistry;
import io.healthstream.topology.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventsMapperTest {
    private static final String TICKET = "{\"topic\": \"support-tickets\", \"value\": {\"event_id\": \"t-1\","
            + " \"account_id\": \"acc-1\", \"ticket_id\": \"T-9\", \"occurred_at\": \"2026-11-03T09:00:00Z\","
            + " \"status\": \"OPENED\", \"priority\": \"URGENT\"}}";
    private static final String LOGIN = "{\"topic\": \"usage-events\", \"value\": {\"event_id\": \"u-1\","
            + " \"account_id\": \"acc-1\", \"user_id\": \"ada\", \"occurred_at\": 1793696400000, \"action\": \"login\"}}";

    private final EventsMapper mapper = new EventsMapper();

    @Test
    @DisplayName("one event, a JSON array and JSON lines all map, in order")
    void oneArrayOrLines() {
        assertThat(topics(TICKET)).containsExactly(Topics.SUPPORT_TICKETS);
        assertThat(topics("[" + TICKET + "," + LOGIN + "]"))
                .containsExactly(Topics.SUPPORT_TICKETS, Topics.USAGE_EVENTS);
        assertThat(topics(TICKET + "\n" + LOGIN + "\r\n")).containsExactly(Topics.SUPPORT_TICKETS, Topics.USAGE_EVENTS);
    }

    @Test
    @DisplayName("the record written is byte for byte the generated class's, as a product service sends it")
    void bytesAreAProductServicesBytes() {
        IngestEvent event =
                mapper.map(TICKET.getBytes(StandardCharsets.UTF_8)).events().get(0);
        SupportTicketEvent built = SupportTicketEvent.newBuilder()
                .setEventId("t-1")
                .setAccountId("acc-1")
                .setTicketId("T-9")
                .setOccurredAt(Instant.parse("2026-11-03T09:00:00Z"))
                .setStatus(TicketStatus.OPENED)
                .setPriority(TicketPriority.URGENT)
                .build();
        assertThat(event.value()).isEqualTo(built);
        assertThat(event.key()).isEqualTo("acc-1");
        assertThat(event.timestamp())
                .isEqualTo(Instant.parse("2026-11-03T09:00:00Z").toEpochMilli());
        var serde = new AvroSerdes(new InMemorySchemaRegistry(), true, 100).valueSerde(SupportTicketEvent.class);
        assertThat(serde.serializer().serialize(Topics.SUPPORT_TICKETS, (SupportTicketEvent) event.value()))
                .isEqualTo(serde.serializer().serialize(Topics.SUPPORT_TICKETS, built));
    }

    @Test
    @DisplayName("defaults apply as in the replay: count 1 when omitted")
    void defaultsApply() {
        UsageEvent usage = (UsageEvent) mapper.map(LOGIN.getBytes(StandardCharsets.UTF_8))
                .events()
                .get(0)
                .value();
        assertThat(usage.getCount()).isEqualTo(1);
        assertThat(usage.getOccurredAt()).isEqualTo(Instant.parse("2026-11-03T09:00:00Z"));
    }

    @Test
    @DisplayName("one bad event makes the request invalid, naming the event and the field")
    void badEventIsInvalid() {
        String missing = LOGIN.replace("\"action\": \"login\"", "\"actio\": \"login\"");
        assertThatThrownBy(() -> mapper.map(("[" + TICKET + "," + missing + "]").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidPayloadException.class)
                .hasMessage("event 1: UsageEvent: unknown field 'actio'");
        assertThatThrownBy(() -> mapper.map("{\"topic\": \"orders\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidPayloadException.class)
                .hasMessageStartingWith("event 0: \"topic\" must be one of");
        assertThatThrownBy(() -> mapper.map("{\"topic\": ".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidPayloadException.class)
                .hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> mapper.map(" ".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidPayloadException.class)
                .hasMessage("no events in the body");
    }

    @Test
    @DisplayName("an override is no product event: it takes the API's write token, so ingest refuses it")
    void overridesAreRefused() {
        String override = "{\"topic\": \"health-overrides\", \"value\": {\"override_id\": \"o-1\","
                + " \"account_id\": \"acc-1\", \"action\": \"LIFT\", \"reason\": \"r\", \"author\": \"a\","
                + " \"created_at\": \"2026-03-01T00:00:00Z\"}}";

        assertThatThrownBy(() -> mapper.map(override.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidPayloadException.class)
                .hasMessage("event 0: health-overrides is written through POST /accounts/{id}/override only");
    }

    private java.util.List<String> topics(String body) {
        return mapper.map(body.getBytes(StandardCharsets.UTF_8)).events().stream()
                .map(IngestEvent::topic)
                .toList();
    }
}
