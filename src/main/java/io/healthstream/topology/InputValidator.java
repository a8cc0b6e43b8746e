package io.healthstream.topology;

import io.healthstream.scoring.AccountEvent;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The typed route of one input topic: checks each record against the contract and forwards it as a
 * domain event. A record that breaks the contract throws, and the processing exception handler
 * dead-letters it with the reason.
 */
final class InputValidator extends ContextualFixedKeyProcessor<String, SpecificRecord, AccountEvent> {
    private final EventMapper mapper;

    InputValidator(InputLimits limits) {
        this.mapper = new EventMapper(limits);
    }

    @Override
    public void process(FixedKeyRecord<String, SpecificRecord> record) {
        AccountEvent event = mapper.toDomain(record.key(), record.value(), record.timestamp());
        context().forward(record.withValue(event));
    }
}
