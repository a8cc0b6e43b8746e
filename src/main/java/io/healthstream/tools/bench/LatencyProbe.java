package io.healthstream.tools.bench;

import io.healthstream.avro.AccountHealth;
import io.healthstream.serde.AvroSerdes;
import io.healthstream.tools.generator.GeneratedEvent;
import io.healthstream.tools.generator.Pace;
import io.healthstream.tools.generator.PortfolioPublisher;
import io.healthstream.tools.generator.PortfolioSimulation;
import io.healthstream.tools.generator.PortfolioSpec;
import io.healthstream.topology.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * End-to-end latency of a running engine: generated events published live (stamped with the current time, see
 * {@link GeneratedEvent#live}) at a fixed rate, and the time until an {@code account-health} record caused by each
 * one is visible to a read_committed consumer. Events whose account's score did not move produce no record and
 * are not counted.
 */
public final class LatencyProbe {
    /** How long after the last event the probe still waits for its outputs. */
    private static final Duration DRAIN = Duration.ofSeconds(5);

    private static final Duration POLL = Duration.ofMillis(50);
    private static final long HIGHEST_TRACKABLE_MILLIS = Duration.ofMinutes(10).toMillis();

    private final Properties clientProperties;
    private final String registryUrl;

    public LatencyProbe(Properties clientProperties, String registryUrl) {
        this.clientProperties = clientProperties;
        this.registryUrl = registryUrl;
    }

    /** Latencies in milliseconds, and how many events were sent and how many of them were seen scored. */
    public record Latency(double perSecond, long sent, long scored, long p50Millis, long p99Millis, long maxMillis) {}

    /** Publishes {@code perSecond} events of a portfolio of {@code accounts} for {@code duration}. */
    public Latency measure(int accounts, long seed, double perSecond, Duration duration) throws InterruptedException {
        Map<String, Long> sentAtMillis = new ConcurrentHashMap<>();
        Histogram histogram = new Histogram(HIGHEST_TRACKABLE_MILLIS, 3);
        try (KafkaConsumer<String, AccountHealth> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ACCOUNT_HEALTH).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolves the end now, before the first event goes out
            Publishing publishing = new Publishing(accounts, seed, perSecond, duration, sentAtMillis);
            Thread publisher = new Thread(publishing, "bench-latency-publisher");
            publisher.start();
            long drainedBy = Long.MAX_VALUE;
            while (System.nanoTime() < drainedBy) {
                for (ConsumerRecord<String, AccountHealth> record : consumer.poll(POLL)) {
                    Long sentAt = sentAtMillis.remove(record.value().getSourceEventId());
                    if (sentAt != null) {
                        histogram.recordValue(Math.min(HIGHEST_TRACKABLE_MILLIS, System.currentTimeMillis() - sentAt));
                    }
                }
                if (drainedBy == Long.MAX_VALUE && !publisher.isAlive()) {
                    drainedBy = System.nanoTime() + DRAIN.toNanos();
                }
            }
            publisher.join();
            publishing.failure().ifPresent(failure -> {
                throw failure;
            });
            return new Latency(
                    perSecond,
                    publishing.sent(),
                    histogram.getTotalCount(),
                    histogram.getValueAtPercentile(50),
                    histogram.getValueAtPercentile(99),
                    histogram.getMaxValue());
        }
    }

    private KafkaConsumer<String, AccountHealth> consumer() {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                IsolationLevel.READ_COMMITTED.toString().toLowerCase(Locale.ROOT));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Deserializer<AccountHealth> values = AvroSerdes.fromConfig(Map.of("schema.registry.url", registryUrl))
                .valueSerde(AccountHealth.class)
                .deserializer();
        return new KafkaConsumer<>(props, new StringDeserializer(), values);
    }

    /** Publishes live events at the rate for the duration, noting when each went out. */
    private final class Publishing implements Runnable {
        private final PortfolioSimulation simulation;
        private final Pace pace;
        private final long untilNanos;
        private final Map<String, Long> sentAtMillis;
        private volatile long sent;
        private volatile RuntimeException failure;

        Publishing(int accounts, long seed, double perSecond, Duration duration, Map<String, Long> sentAtMillis) {
            // Enough simulated days for the duration at the generator's few events per account and day.
            int days = (int) Math.max(1, perSecond * duration.toSeconds() / accounts + 1);
            this.simulation = new PortfolioSimulation(
                    new PortfolioSpec(accounts, days, seed, Instant.now().truncatedTo(ChronoUnit.SECONDS)));
            this.pace = Pace.perSecond(perSecond);
            this.untilNanos = System.nanoTime() + duration.toNanos();
            this.sentAtMillis = sentAtMillis;
        }

        @Override
        public void run() {
            try (PortfolioPublisher publisher = new PortfolioPublisher(clientProperties, registryUrl)) {
                long index = 0;
                while (simulation.hasNextDay() && System.nanoTime() < untilNanos) {
                    for (GeneratedEvent event : simulation.simulateNextDay()) {
                        pace.awaitTurn(event, index++);
                        if (System.nanoTime() >= untilNanos) {
                            break;
                        }
                        GeneratedEvent live = event.live(Instant.now());
                        sentAtMillis.put(
                                live.value()
                                        .get(live.value()
                                                .getSchema()
                                                .getField("event_id")
                                                .pos())
                                        .toString(),
                                live.occurredAt().toEpochMilli());
                        publisher.publish(live);
                        sent++;
                    }
                }
                publisher.flush();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure = e;
            }
        }

        long sent() {
            return sent;
        }

        Optional<RuntimeException> failure() {
            return Optional.ofNullable(failure);
        }
    }
}
