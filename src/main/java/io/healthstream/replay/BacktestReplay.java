package io.healthstream.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthstream.backtest.AccountHistory;
import io.healthstream.backtest.BillingMove;
import io.healthstream.backtest.CriticalSignal;
import io.healthstream.backtest.ExportHistory;
import io.healthstream.backtest.ScorePoint;
import io.healthstream.scoring.Band;
import io.healthstream.scoring.Components;
import io.healthstream.scoring.Segments;
import io.healthstream.scoring.SignalType;
import io.healthstream.scoring.TouchModel;
import io.healthstream.topology.Topics;
import io.healthstream.topology.TopologySettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.avro.generic.GenericRecord;

/**
 * Feeds the backtest: replays the export through the real topology (into {@code DIR}, as {@code replay}
 * writes it), then reads back what account-health and churn-signals published, and takes the cancellations
 * and reactivations from the export itself.
 */
public final class BacktestReplay {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String DLQ_FILE = Topics.DEAD_LETTER + ".jsonl";

    private final TopologySettings topology;
    private final Properties streamsConfig;
    private final Consumer<String> progress;

    /** {@code progress} hears one line per step, for the terminal of a long run. */
    public BacktestReplay(TopologySettings topology, Properties streamsConfig, Consumer<String> progress) {
        this.topology = topology;
        this.streamsConfig = streamsConfig;
        this.progress = progress;
    }

    /**
     * Replays {@code input} into {@code outputDir/part-<n>}, the accounts split by id over {@code parts}
     * replays run side by side, and reads back their histories. Accounts never share state, and in time order
     * each one's records do not depend on which accounts share its replay (see README, Time), so the parts
     * give what one replay would, in a fraction of the time.
     */
    public ExportHistory run(Path input, Path outputDir, int parts) throws IOException {
        long started = System.nanoTime();
        EventFile.Contents file = EventFile.read(input);
        progress.accept(String.format(
                "read %,d events of %s in %.1f s; replaying them with model %s in %d part%s",
                file.events().size(), input, seconds(started), topology.modelVersion(), parts, parts == 1 ? "" : "s"));
        started = System.nanoTime();
        List<Path> partDirs = replayInParts(file, input, outputDir, parts);
        progress.accept(String.format("replayed in %.1f s into %s", seconds(started), outputDir));

        Map<String, Builder> accounts = new TreeMap<>();
        Set<Long> rejectedLines = new HashSet<>();
        for (Path dir : partDirs) {
            readPart(dir, accounts, rejectedLines);
        }
        long lastEventTime = Long.MIN_VALUE;
        for (ReplayEvent event : file.events()) {
            if (rejectedLines.contains(event.line())) {
                continue;
            }
            lastEventTime = Math.max(lastEventTime, event.occurredAt());
            Builder account = accounts.get(String.valueOf(event.value().get("account_id")));
            if (account != null && event.topic().equals(Topics.SUBSCRIPTION_EVENTS)) {
                billingMove(event).ifPresent(account.moves::add);
            }
        }
        return new ExportHistory(
                accounts.values().stream().map(Builder::build).toList(),
                lastEventTime == Long.MIN_VALUE ? Instant.EPOCH : Instant.ofEpochMilli(lastEventTime));
    }

    private List<Path> replayInParts(EventFile.Contents file, Path input, Path outputDir, int parts)
            throws IOException {
        List<List<ReplayEvent>> split = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            split.add(new ArrayList<>());
        }
        for (ReplayEvent event : file.events()) {
            Object accountId = event.value().get("account_id");
            split.get(Math.floorMod(String.valueOf(accountId).hashCode(), parts))
                    .add(event);
        }
        FeedProgress progress = new FeedProgress(file.events().size(), this.progress, Duration.ZERO, System.nanoTime());
        ExecutorService pool = Executors.newFixedThreadPool(parts);
        try {
            List<Future<Path>> replays = new ArrayList<>();
            for (int i = 0; i < parts; i++) {
                Path dir = outputDir.resolve("part-" + i);
                // Lines that are not events are dead-lettered once, by the first part.
                EventFile.Contents part =
                        new EventFile.Contents(file.lines(), split.get(i), i == 0 ? file.malformed() : List.of());
                replays.add(pool.submit(() -> {
                    new Replayer(topology, streamsConfig).replay(part, input, dir, EventOrder.TIME, progress::fed);
                    return dir;
                }));
            }
            List<Path> dirs = new ArrayList<>();
            for (Future<Path> replay : replays) {
                dirs.add(replay.get());
            }
            return dirs;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while replaying " + input);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("a replay of " + input + " failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void readPart(Path dir, Map<String, Builder> accounts, Set<Long> rejectedLines) throws IOException {
        forEachLine(
                dir.resolve(Topics.ACCOUNT_HEALTH + ".jsonl"),
                health -> accounts.computeIfAbsent(health.path("account_id").asText(), Builder::new)
                        .scores
                        .add(scorePoint(health)));
        forEachLine(dir.resolve(Topics.CHURN_SIGNALS + ".jsonl"), signal -> {
            Builder account = accounts.get(signal.path("account_id").asText());
            if (account != null && signal.path("severity").asText().equals("CRITICAL")) {
                account.signals.add(new CriticalSignal(
                        Instant.parse(signal.path("detected_at").asText()),
                        SignalType.valueOf(signal.path("type").asText())));
            }
        });
        forEachLine(
                dir.resolve(DLQ_FILE),
                dead -> rejectedLines.add(dead.path("line").asLong()));
    }

    private static ScorePoint scorePoint(JsonNode health) {
        JsonNode components = health.path("components");
        return new ScorePoint(
                Instant.parse(health.path("as_of").asText()),
                health.path("score").asDouble(),
                Band.valueOf(health.path("band").asText()),
                TouchModel.valueOf(health.path("touch_tier").asText()),
                new Components(
                        components.path("usage").asDouble(),
                        components.path("billing").asDouble(),
                        components.path("support").asDouble(),
                        components.path("nps").asDouble()),
                health.path("segment").asText(Segments.DEFAULT));
    }

    private static Optional<BillingMove> billingMove(ReplayEvent event) {
        GenericRecord value = event.value();
        String type = String.valueOf(value.get("type"));
        if (!type.equals("CANCELLED") && !type.equals("REACTIVATED")) {
            return Optional.empty();
        }
        return Optional.of(new BillingMove(
                Instant.ofEpochMilli(event.occurredAt()),
                BillingMove.Kind.valueOf(type),
                (Long) value.get("mrr_before"),
                (Long) value.get("mrr_after"),
                String.valueOf(value.get("currency"))));
    }

    private static void forEachLine(Path file, Consumer<JsonNode> action) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                action.accept(MAPPER.readTree(line));
            }
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** One account's history as it is read. */
    private static final class Builder {
        private final String accountId;
        private final List<ScorePoint> scores = new ArrayList<>();
        private final List<CriticalSignal> signals = new ArrayList<>();
        private final List<BillingMove> moves = new ArrayList<>();

        Builder(String accountId) {
            this.accountId = accountId;
        }

        AccountHistory build() {
            return new AccountHistory(accountId, scores, signals, moves);
        }
    }
}
