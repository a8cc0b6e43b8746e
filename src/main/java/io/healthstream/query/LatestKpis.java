package io.healthstream.query;

import io.healthstream.avro.PortfolioKpis;
import io.healthstream.topology.Topics;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest PortfolioKpis record per key ({@code <period>/<currency>}) of the {@code saas-kpis}
 * topic, read from the beginning by a consumer of its own (no group: every instance reads all
 * partitions) on a background thread. Waits for the topic to appear. A record it cannot read for a passing
 * reason (the schema registry away) is read again every {@link #POLL} until it can be; any other unreadable
 * record is skipped with a log line. Either way the latest KPIs read so far stay available.
 */
public final class LatestKpis implements AutoCloseable {
    /** The topic the records are read from. */
    public static final String TOPIC = Topics.SAAS_KPIS;

    private static final Logger LOG = LoggerFactory.getLogger(LatestKpis.class);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final KafkaConsumer<String, PortfolioKpis> consumer;
    private final Map<String, PortfolioKpis> latest = new ConcurrentHashMap<>();
    private final Thread reader;
    private final Predicate<Throwable> passingFailure;
    private volatile boolean closing;
    private boolean waitingToRead;

    /** {@code passingFailure}: whether a failure to deserialize a record may pass, so that reading it again can succeed. */
    public LatestKpis(
            Properties clientConfig, Deserializer<PortfolioKpis> values, Predicate<Throwable> passingFailure) {
        this.passingFailure = passingFailure;
        Properties config = new Properties();
        config.putAll(clientConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // KPI records are written exactly once: skip aborted transactions.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "healthstream-kpi-reader");
        // The KPI topology owns saas-kpis; asking for it must not create it with broker defaults.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), values);
        this.reader = new Thread(this::read, "healthstream-kpi-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** The latest record of each currency for the period, by currency. */
    public List<PortfolioKpis> of(String period) {
        return latest.values().stream()
                .filter(kpis -> kpis.getPeriod().equals(period))
                .sorted(Comparator.comparing(PortfolioKpis::getCurrency))
                .toList();
    }

    private void read() {
        try {
            while (!closing && !assign()) {
                Thread.sleep(POLL.toMillis());
            }
            while (!closing) {
                try {
                    consumer.poll(POLL).forEach(this::keep);
                    if (waitingToRead) {
                        LOG.info("Reading {} again", Topics.SAAS_KPIS);
                        waitingToRead = false;
                    }
                } catch (RecordDeserializationException e) {
                    onUnreadable(e);
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("Reading {} failed; GET /kpis answers from what was read so far", Topics.SAAS_KPIS, e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
        }
    }

    private void keep(ConsumerRecord<String, PortfolioKpis> record) {
        if (record.value() != null) {
            latest.put(
                    record.key() == null
                            ? record.value().getPeriod() + "/" + record.value().getCurrency()
                            : record.key(),
                    record.value());
        }
    }

    /** Waits and reads the record again when its failure may pass; skips it otherwise. */
    private void onUnreadable(RecordDeserializationException e) throws InterruptedException {
        if (!passingFailure.test(e)) {
            LOG.error("Skipped the unreadable record at {} offset {}: {}", e.topicPartition(), e.offset(), reasonOf(e));
            consumer.seek(e.topicPartition(), e.offset() + 1);
            return;
        }
        if (!waitingToRead) {
            LOG.warn(
                    "Cannot read {} at {} offset {} for now ({}); trying again every {} s, GET /kpis answers from"
                            + " what was read so far",
                    Topics.SAAS_KPIS,
                    e.topicPartition(),
                    e.offset(),
                    reasonOf(e),
                    POLL.toSeconds());
            waitingToRead = true;
        }
        Thread.sleep(POLL.toMillis());
    }

    private static String reasonOf(RecordDeserializationException e) {
        return e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
    }

    private boolean assign() {
        List<PartitionInfo> partitions;
        try {
            partitions = consumer.partitionsFor(Topics.SAAS_KPIS, POLL);
        } catch (TimeoutException brokerNotReachableYet) {
            return false;
        }
        if (partitions == null || partitions.isEmpty()) {
            return false;
        }
        List<TopicPartition> assigned = partitions.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        LOG.info("Reading the latest KPIs from {} ({} partitions)", Topics.SAAS_KPIS, assigned.size());
        return true;
    }

    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            reader.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
