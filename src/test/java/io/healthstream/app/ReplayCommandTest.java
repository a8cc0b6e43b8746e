package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.healthstream.scoring.SubscriptionChange;
import io.healthstream.serde.JsonAvro;
import io.healthstream.testdata.Events;
import io.healthstream.testsupport.OutputLines;
import io.healthstream.topology.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The replay command: the example file the README shows, hand-made files, and the mistakes users make. */
class ReplayCommandTest {
    private static final Path EXAMPLE = Path.of("examples/events.jsonl");
    private static final Path EXAMPLE_CONFIG = Path.of("examples/healthstream.properties");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    /** Input files the tests write. */
    @TempDir
    Path in;

    private final StringWriter err = new StringWriter();
    private final StringWriter stdout = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = Main.commandLine();
        commandLine.setErr(new PrintWriter(err));
        commandLine.setOut(new PrintWriter(stdout));
        return commandLine.execute(args);
    }

    private List<JsonNode> read(String file) throws IOException {
        return readJsonLines(out.resolve(file));
    }

    private static List<JsonNode> readJsonLines(Path file) throws IOException {
        return Files.readAllLines(file).stream()
                .map(line -> {
                    try {
                        return JSON.readTree(line);
                    } catch (IOException e) {
                        throw new AssertionError("not JSON: " + line, e);
                    }
                })
                .toList();
    }

    private static JsonNode summary(Path dir) throws IOException {
        return JSON.readTree(dir.resolve("summary.json").toFile());
    }

    /** One input line: {@code {"topic": ..., "value": ...}} as users write it. */
    @Test
    @DisplayName("an event that reaches its account after its KPI period closed is applied and counted late for KPIs")
    void eventTooLateForItsKpiPeriodIsCountedApart() throws IOException {
        Path input = file(
                "late-for-kpis.jsonl",
                line(
                        Topics.USAGE_EVENTS,
                        Events.usage()
                                .account("acc-1")
                                .at(Instant.parse("2026-04-05T09:00:00Z"))
                                .avro()),
                // March closed on 3 April (two days of grace); this login of 25 March arrives after that.
                line(
                        Topics.USAGE_EVENTS,
                        Events.usage()
                                .account("acc-1")
                                .at(Instant.parse("2026-03-25T09:00:00Z"))
                                .avro()));

        assertThat(run("replay", "--input", input.toString(), "--output", out.toString(), "--order", "arrival"))
                .isZero();

        JsonNode summary = summary(out);
        assertThat(summary.get("applied").asLong()).isEqualTo(2);
        assertThat(summary.get("late").asLong()).isZero();
        assertThat(summary.get("late_for_kpis").asLong()).isOne();
    }

    private static String line(String topic, SpecificRecord value) {
        ObjectNode line = JSON.createObjectNode();
        line.put("topic", topic);
        line.set("value", JsonAvro.write(value));
        return line.toString();
    }

    /** Writes {@code lines} to a file, each a String (as UTF-8) or raw bytes, each ended by a newline. */
    private Path file(String name, Object... lines) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Object line : lines) {
            bytes.writeBytes(line instanceof byte[] raw ? raw : line.toString().getBytes(StandardCharsets.UTF_8));
            bytes.write('\n');
        }
        return Files.write(in.resolve(name), bytes.toByteArray());
    }

    @Test
    void exampleReplayReproducesTheWorkedExample() throws IOException {
        assertThat(run(
                        "replay",
                        "--input",
                        EXAMPLE.toString(),
                        "--output",
                        out.toString(),
                        "--config",
                        EXAMPLE_CONFIG.toString()))
                .isZero();

        List<JsonNode> acc1 = read("account-health.jsonl").stream()
                .filter(r -> r.get("account_id").asText().equals("acc-1"))
                .toList();
        assertThat(acc1).extracting(r -> r.get("score").asDouble()).containsSubsequence(99.0, 93.0, 69.0);
        JsonNode afterFailedPayment = acc1.stream()
                .filter(r -> r.get("source_event_id").asText().equals("s-2"))
                .findFirst()
                .orElseThrow();
        assertThat(afterFailedPayment.get("score").asDouble()).isEqualTo(69.0);
        assertThat(afterFailedPayment.get("band").asText()).isEqualTo("YELLOW");
        assertThat(afterFailedPayment.get("previous_band").asText()).isEqualTo("GREEN");
        assertThat(afterFailedPayment.get("as_of").asText()).isEqualTo("2026-03-08T09:00:00Z");
    }

    @Test
    void exampleReplayWritesEveryOutputTopicAndTheDeadLetters() throws IOException {
        run("replay", "--input", EXAMPLE.toString(), "--output", out.toString(), "--config", EXAMPLE_CONFIG.toString());

        assertThat(read("churn-signals.jsonl"))
                .extracting(r -> r.get("type").asText())
                .contains("PAYMENT_FAILED", "NPS_DETRACTOR", "CANCELLED", "ONBOARDING_STALLED", "USAGE_DROP")
                .containsOnlyOnce("PAYMENT_FAILED");
        assertThat(read("contraction-alerts.jsonl"))
                .singleElement()
                .satisfies(a -> assertThat(a.get("mrr_delta").asLong()).isEqualTo(-10000));
        assertThat(read("nps-followups.jsonl"))
                .extracting(r -> r.get("category").asText())
                .containsExactly("DETRACTOR", "PROMOTER");
        assertThat(read("expansion-opportunities.jsonl"))
                .extracting(r -> r.get("reason").asText())
                .contains("PROMOTER");
        List<JsonNode> dead = read("healthstream-dlq.jsonl");
        assertThat(dead)
                .extracting(r -> r.get("reason").asText())
                .containsExactly("invalid-nps-score", "malformed-line");
        assertThat(dead.get(0).get("line").asLong()).isEqualTo(lineOf("\"n-30\""));
        assertThat(dead.get(1).get("line").asLong())
                .isEqualTo(Files.readAllLines(EXAMPLE).size());
        assertThat(dead.get(1).get("error").asText()).contains("missing field 'user_id'");
    }

    private static long lineOf(String text) throws IOException {
        List<String> lines = Files.readAllLines(EXAMPLE);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + EXAMPLE);
    }

    @Test
    @DisplayName(
            "a line that is not UTF-8 is dead-lettered with its line number and bytes; the lines around it still count")
    void aLineThatIsNotUtf8IsDeadLettered() throws IOException {
        List<String> lines = Files.readAllLines(EXAMPLE);
        int bad = (int) lineOf("\"u-1-0\"");
        List<Object> withLatin1 = new ArrayList<>(lines);
        byte[] latin1 = lines.get(bad - 1).replace("user-0", "usér-0").getBytes(StandardCharsets.ISO_8859_1);
        withLatin1.set(bad - 1, latin1);
        Path input = file("latin1.jsonl", withLatin1.toArray());

        assertThat(run(
                        "replay",
                        "--input",
                        input.toString(),
                        "--output",
                        out.toString(),
                        "--config",
                        EXAMPLE_CONFIG.toString()))
                .isZero();

        List<JsonNode> dead = read("healthstream-dlq.jsonl");
        assertThat(dead).extracting(r -> r.get("line").asLong()).containsExactly((long) bad, lineOf("\"n-30\""), (long)
                lines.size());
        JsonNode notUtf8 = dead.get(0);
        assertThat(notUtf8.get("reason").asText()).isEqualTo("malformed-line");
        assertThat(notUtf8.get("error").asText())
                .contains("not valid UTF-8")
                .contains("byte 0xE9 at byte offset " + (lines.get(bad - 1).indexOf("user-0") + 2));
        assertThat(Base64.getDecoder().decode(notUtf8.get("raw_base64").asText()))
                .isEqualTo(latin1);
        // The events after it were applied: acc-1 still reaches its failed payment.
        assertThat(read("account-health.jsonl"))
                .anySatisfy(r -> assertThat(r.get("source_event_id").asText()).isEqualTo("s-2"));
        assertThat(summary(out).get("events_read").asLong()).isEqualTo(lines.size() - 2);
    }

    @Test
    @DisplayName("an unsorted file replayed in time order gives exactly what the same file sorted by occurred_at gives")
    void timeOrderMakesAnUnsortedFileAHistory() throws IOException {
        List<String> events = Files.readAllLines(EXAMPLE).stream()
                .filter(l -> l.contains("occurred_at"))
                .toList();
        List<String> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(7));
        List<String> sorted = new ArrayList<>(shuffled);
        sorted.sort(Comparator.comparing(ReplayCommandTest::occurredAt)); // stable, as the replay's sort
        Path sortedOut = out.resolve("sorted");
        Path shuffledOut = out.resolve("shuffled");

        assertThat(run(
                        "replay",
                        "--input",
                        file("sorted.jsonl", sorted.toArray()).toString(),
                        "--output",
                        sortedOut.toString(),
                        "--config",
                        EXAMPLE_CONFIG.toString()))
                .isZero();
        assertThat(run(
                        "replay",
                        "--input",
                        file("shuffled.jsonl", shuffled.toArray()).toString(),
                        "--output",
                        shuffledOut.toString(),
                        "--config",
                        EXAMPLE_CONFIG.toString()))
                .isZero();

        assertThat(summary(shuffledOut).get("lines_out_of_order").asLong()).isGreaterThan(10);
        assertThat(summary(sortedOut).get("lines_out_of_order").asLong()).isZero();
        assertThat(OutputLines.of(sortedOut.resolve("account-health.jsonl"))).isNotEmpty();
        for (String topic : Topics.OUTPUTS) {
            assertThat(OutputLines.of(shuffledOut.resolve(topic + ".jsonl")))
                    .as(topic)
                    .isEqualTo(OutputLines.of(sortedOut.resolve(topic + ".jsonl")));
        }
    }

    private static Instant occurredAt(String line) {
        try {
            return Instant.parse(
                    JSON.readTree(line).get("value").get("occurred_at").asText());
        } catch (IOException e) {
            throw new AssertionError(line, e);
        }
    }

    @Test
    @DisplayName("arrival order warns once, on one line, how many lines are behind their topic and where the first is")
    void arrivalOrderWarnsOfLinesOutOfOrder() throws IOException {
        assertThat(run(
                        "replay",
                        "--input",
                        EXAMPLE.toString(),
                        "--output",
                        out.toString(),
                        "--config",
                        EXAMPLE_CONFIG.toString(),
                        "--order",
                        "arrival"))
                .isZero();

        assertThat(err.toString())
                .hasLineCount(1)
                .startsWith(
                        "healthstream: warning: 1 line has an occurred_at earlier than a line above of the same topic")
                .contains("(first: line " + lineOf("\"u-1-5\"") + ")");
        assertThat(summary(out).get("order").asText()).isEqualTo("arrival");
    }

    @Test
    void timeOrderDoesNotWarn() throws IOException {
        assertThat(run(
                        "replay",
                        "--input",
                        EXAMPLE.toString(),
                        "--output",
                        out.toString(),
                        "--config",
                        EXAMPLE_CONFIG.toString()))
                .isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(stdout.toString())
                .contains("lines moved by the sort")
                .contains("first: line " + lineOf("\"u-1-5\""));
    }

    /**
     * Eleven lines, in arrival order: acc-1 (USD) and acc-2 (EUR) subscribe in March, a login comes twice,
     * a line is blank, one is not JSON, one is not UTF-8, an NPS score is 11, a payment fails on 10 March and
     * a payment on 5 March is listed after it, and a login on 5 April closes March.
     */
    @Test
    @DisplayName("summary.json holds every figure, as counted by hand on a small file")
    void summaryCountsEveryFigure() throws IOException {
        Instant march = Instant.parse("2026-03-02T09:00:00Z");
        String login = line(
                Topics.USAGE_EVENTS,
                Events.usage()
                        .account("acc-1")
                        .action("login")
                        .count(1)
                        .at(march.plusSeconds(2 * 86400))
                        .id("u-1")
                        .avro());
        Path input = file(
                "hand.jsonl",
                line(
                        Topics.SUBSCRIPTION_EVENTS,
                        Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                                .account("acc-1")
                                .at(march)
                                .mrrBefore(0)
                                .avro()),
                line(
                        Topics.SUBSCRIPTION_EVENTS,
                        Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                                .account("acc-2")
                                .at(march.plusSeconds(86400))
                                .mrrBefore(0)
                                .currency("EUR")
                                .avro()),
                login,
                login, // 4: duplicate
                "", // 5: blank
                "this is not JSON", // 6: malformed
                "{\"topic\": \"usage-events\", \"value\": {\"user_id\": \"Jos\u00e9\"}}"
                        .getBytes(StandardCharsets.ISO_8859_1),
                line(
                        Topics.NPS_RESPONSES,
                        Events.nps(11)
                                .account("acc-2")
                                .user("bo")
                                .at(march.plusSeconds(4 * 86400))
                                .avro()), // 8: invalid
                line(
                        Topics.SUBSCRIPTION_EVENTS,
                        Events.subscription(SubscriptionChange.PAYMENT_FAILED)
                                .account("acc-1")
                                .at(Instant.parse("2026-03-10T09:00:00Z"))
                                .avro()),
                line(
                        Topics.SUBSCRIPTION_EVENTS,
                        Events.subscription(SubscriptionChange.PAYMENT_SUCCEEDED)
                                .account("acc-1")
                                .at(Instant.parse("2026-03-05T09:00:00Z"))
                                .avro()), // 10: late
                line(
                        Topics.USAGE_EVENTS,
                        Events.usage()
                                .account("acc-1")
                                .action("login")
                                .count(1)
                                .at(Instant.parse("2026-04-05T09:00:00Z"))
                                .avro()));

        assertThat(run("replay", "--input", input.toString(), "--output", out.toString(), "--order", "arrival"))
                .isZero();

        JsonNode summary = summary(out);
        assertThat(summary.get("input").asText()).isEqualTo(input.toString());
        assertThat(summary.get("order").asText()).isEqualTo("arrival");
        assertThat(summary.get("lines").asLong()).isEqualTo(11);
        assertThat(summary.get("events_read").asLong()).isEqualTo(8); // 11 - blank - not JSON - not UTF-8
        assertThat(summary.get("duplicate").asLong()).isEqualTo(1); // line 4
        assertThat(summary.get("late").asLong()).isEqualTo(1); // line 10: billing changed on 10 March
        assertThat(summary.get("applied").asLong()).isEqualTo(5); // 8 - duplicate - late - NPS 11
        assertThat(summary.get("late_for_kpis").asLong()).isZero();
        assertThat(summary.get("dead_lettered").asLong()).isEqualTo(3);
        assertThat(summary.get("dead_lettered_by_reason"))
                .isEqualTo(JSON.readTree("{\"invalid-nps-score\": 1, \"malformed-line\": 2}"));
        assertThat(summary.get("accounts_scored").asLong()).isEqualTo(2); // acc-1, acc-2
        assertThat(summary.get("periods_closed").asLong()).isEqualTo(2); // 2026-03 in USD and in EUR
        assertThat(summary.get("lines_out_of_order").asLong()).isEqualTo(1); // line 10, behind line 9
        assertThat(summary.get("first_out_of_order_line").asLong()).isEqualTo(10);
        assertThat(summary.get("outputs").fieldNames()).toIterable().containsExactlyElementsOf(Topics.OUTPUTS);
        for (String topic : Topics.OUTPUTS) {
            assertThat(summary.get("outputs").get(topic).asLong())
                    .as(topic)
                    .isEqualTo(Files.readAllLines(out.resolve(topic + ".jsonl")).size());
        }
        assertThat(read("healthstream-dlq.jsonl"))
                .extracting(r -> r.get("line").asLong())
                .containsExactly(6L, 7L, 8L);
        assertThat(stdout.toString())
                .contains("in arrival order")
                .containsPattern("events read +8\n")
                .containsPattern("periods closed +2\n")
                .contains("summary.json");
    }

    @Test
    void missingInputFileExitsWithTwoAndOneLine() {
        assertThat(run("replay", "--input", out.resolve("nope.jsonl").toString(), "--output", out.toString()))
                .isEqualTo(2);
        assertThat(err.toString().strip())
                .startsWith("healthstream: input file not found")
                .doesNotContain("\n");
    }

    /** A user mistake: exit status 2 and exactly one line on stderr, no stack trace. */
    private void assertMistake(int exitCode, String line) {
        assertThat(exitCode).isEqualTo(Main.USAGE_ERROR);
        assertThat(err.toString()).isEqualTo(line + System.lineSeparator());
    }

    @Test
    void outputNamingAnExistingFileIsAMistake() throws IOException {
        Path existing = Files.writeString(in.resolve("results.txt"), "keep me");

        assertMistake(
                run("replay", "--input", EXAMPLE.toString(), "--output", existing.toString()),
                "healthstream: --output must be a directory, but " + existing + " is an existing file");
        assertThat(existing).hasContent("keep me");
    }

    @Test
    void outputThatCannotBeCreatedIsAMistake() throws IOException {
        Path file = Files.writeString(in.resolve("results.txt"), "keep me");
        Path below = file.resolve("out");

        assertMistake(
                run("replay", "--input", EXAMPLE.toString(), "--output", below.toString()),
                "healthstream: cannot create output directory " + below + ": " + file + " is a file");
    }

    @Test
    void inputThatIsADirectoryIsAMistake() {
        assertMistake(
                run("replay", "--input", in.toString(), "--output", out.toString()),
                "healthstream: --input must be a file of events, but " + in + " is a directory");
    }

    @Test
    void missingConfigFileIsAMistakeAndCreatesNothing() {
        Path config = in.resolve("nope.properties");
        Path output = out.resolve("new");

        assertMistake(
                run(
                        "replay",
                        "--input",
                        EXAMPLE.toString(),
                        "--output",
                        output.toString(),
                        "--config",
                        config.toString()),
                "healthstream: invalid setting '--config': file not found: " + config);
        assertThat(output).doesNotExist();
    }

    @Test
    void missingInputOptionIsOneLineNotTheUsage() {
        assertMistake(
                run("replay", "--output", out.toString()),
                "healthstream: Missing required option: '--input=FILE' (see 'healthstream replay --help')");
    }

    @Test
    void unknownOrderIsOneLine() {
        assertMistake(
                run("replay", "--input", EXAMPLE.toString(), "--output", out.toString(), "--order", "sorted"),
                "healthstream: Invalid value for option '--order': expected time or arrival, got 'sorted' "
                        + "(see 'healthstream replay --help')");
    }

    @Test
    void invalidModelSettingExitsWithTwoNamingTheKey() throws IOException {
        Path config = out.resolve("bad.properties");
        Files.writeString(config, "model.weights.usage=0.9\n");
        assertThat(run(
                        "replay",
                        "--input",
                        EXAMPLE.toString(),
                        "--output",
                        out.toString(),
                        "--config",
                        config.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("model.weights").doesNotContain("Exception");
    }

    @Test
    void helpListsTheCommands() {
        StringWriter help = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(help));
        assertThat(commandLine.execute("--help")).isZero();
        assertThat(help.toString()).contains("Usage: healthstream").contains("replay");
    }
}
