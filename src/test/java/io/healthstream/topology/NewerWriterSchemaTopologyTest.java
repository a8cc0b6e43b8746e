package io.healthstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.avro.SupportTicketEvent;
import io.healthstream.scoring.SubscriptionChange;
import io.healthstream.serde.testdata.SampleSchemas;
import io.healthstream.testdata.Events;
import io.healthstream.topology.testdata.TopologyHarness;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * Defect 4 of issue 13 through the topology: of two tickets written with a newer registered schema that
 * added a priority, the one with an old priority is applied and only the one with the new priority is
 * dead-lettered, with a message naming the field.
 */
class NewerWriterSchemaTopologyTest {
    private static final Schema V2 = SampleSchemas.supportTicketWithCriticalPriority();

    @Test
    void onlyTheRecordUsingTheNewSymbolIsDeadLettered() {
        try (TopologyHarness harness = new TopologyHarness(Map.of(), Events.T0)) {
            harness.serdes()
                    .registry()
                    .register(Topics.SUPPORT_TICKETS + "-value", SupportTicketEvent.getClassSchema());
            harness.pipe(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                    .account("acc-1")
                    .at(Events.T0)
                    .avro());

            harness.rawInput(Topics.SUPPORT_TICKETS)
                    .pipeInput("acc-1", v2Ticket(harness, "t-1", "HIGH"), Events.T0.plusSeconds(60));
            harness.rawInput(Topics.SUPPORT_TICKETS)
                    .pipeInput("acc-1", v2Ticket(harness, "t-2", "CRITICAL"), Events.T0.plusSeconds(120));

            assertThat(harness.listener().consumed).containsOnlyOnce(Topics.SUPPORT_TICKETS);
            List<TestRecord<String, byte[]>> dead = harness.deadLetters().readRecordsToList();
            assertThat(dead).singleElement().satisfies(letter -> {
                assertThat(header(letter, DeadLetterRecords.REASON)).isEqualTo("deserialization-error");
                assertThat(header(letter, DeadLetterRecords.MESSAGE))
                        .contains("field 'priority' has symbol CRITICAL that enum io.healthstream.avro.TicketPriority"
                                + " does not have");
            });
        }
    }

    private static byte[] v2Ticket(TopologyHarness harness, String ticketId, String priority) {
        GenericRecord ticket = new GenericData.Record(V2);
        ticket.put("event_id", "e-" + ticketId);
        ticket.put("account_id", "acc-1");
        ticket.put("ticket_id", ticketId);
        ticket.put("occurred_at", Instant.parse("2026-03-01T00:01:00Z").toEpochMilli());
        ticket.put("status", new GenericData.EnumSymbol(V2.getField("status").schema(), "OPENED"));
        ticket.put(
                "priority", new GenericData.EnumSymbol(V2.getField("priority").schema(), priority));
        return harness.serdes().genericValueSerde().serializer().serialize(Topics.SUPPORT_TICKETS, ticket);
    }

    private static String header(TestRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
