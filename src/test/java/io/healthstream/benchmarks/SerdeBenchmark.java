package io.healthstream.benchmarks;

import io.healthstream.avro.StoredAccount;
import io.healthstream.avro.UsageEvent;
import io.healthstream.scoring.intake.AccountMemory;
import io.healthstream.serde.AvroSerdes;
import io.healthstream.serde.MockSchemaRegistry;
import io.healthstream.serde.SingleObjectSerde;
import io.healthstream.tools.generator.GeneratedEvent;
import io.healthstream.topology.StateMapper;
import io.healthstream.topology.Topics;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serde;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The serde: the typical account (see {@link TypicalAccount}) to and from the accounts store's bytes
 * (mapping and single-object Avro), and one of its usage events to and from the Confluent wire format.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SerdeBenchmark {
    private static final String SCOPE = "serde-benchmark";

    private final Serde<StoredAccount> stored = SingleObjectSerde.of(StoredAccount.class);
    private Serde<UsageEvent> wire;
    private AccountMemory memory;
    private byte[] storedBytes;
    private UsageEvent usage;
    private byte[] wireBytes;

    @Setup
    public void setUp() {
        TypicalAccount account = TypicalAccount.build();
        memory = account.memory();
        storedBytes = stored.serializer().serialize("accounts", StateMapper.toStored(memory));
        usage = account.events().stream()
                .map(GeneratedEvent::value)
                .filter(UsageEvent.class::isInstance)
                .map(UsageEvent.class::cast)
                .findFirst()
                .orElseThrow();
        wire = AvroSerdes.fromConfig(Map.of("schema.registry.url", MockSchemaRegistry.SCHEME + SCOPE))
                .valueSerde(UsageEvent.class);
        wireBytes = wire.serializer().serialize(Topics.USAGE_EVENTS, usage);
    }

    @TearDown
    public void tearDown() {
        MockSchemaRegistry.dropScope(SCOPE);
    }

    @Benchmark
    public byte[] storedAccountEncode() {
        return stored.serializer().serialize("accounts", StateMapper.toStored(memory));
    }

    @Benchmark
    public AccountMemory storedAccountDecode() {
        return StateMapper.toDomain(stored.deserializer().deserialize("accounts", storedBytes));
    }

    @Benchmark
    public byte[] inputEventEncode() {
        return wire.serializer().serialize(Topics.USAGE_EVENTS, usage);
    }

    @Benchmark
    public UsageEvent inputEventDecode() {
        return wire.deserializer().deserialize(Topics.USAGE_EVENTS, wireBytes);
    }
}
