package io.healthstream.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.healthstream.serde.AvroSerdes;
import io.healthstream.testsupport.AvroPublisher;
import io.healthstream.testsupport.HeadlessChromium;
import io.healthstream.testsupport.HealthstreamApp;
import io.healthstream.testsupport.HttpCalls;
import io.healthstream.testsupport.KafkaBrokerExtension;
import io.healthstream.testsupport.Prerequisite;
import io.healthstream.tools.generator.PortfolioSimulation;
import io.healthstream.tools.generator.PortfolioSpec;
import io.healthstream.tools.registry.EmbeddedSchemaRegistry;
import io.healthstream.topology.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console in a real browser: headless Chromium, driven over the DevTools protocol, against the engine on a real
 * broker that has scored a generated portfolio. Asserts on the DOM, keeps screenshots in
 * {@code target/console-screenshots}, and fails on any console error the pages logged.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {
    private static final String APPLICATION_ID = "console-it";
    private static final int PARTITIONS = 2;
    private static final String TOKEN = "console-test-token-0123456789";
    private static final String WRITE_TOKEN = "console-write-token-0123456789";
    private static final Optional<String> WITH_TOKEN = Optional.of(TOKEN);
    private static final Path SCREENSHOTS = Path.of("target/console-screenshots");
    private static final Duration DEADLINE = Duration.ofMinutes(4);
    private static final Duration PAGE_DEADLINE = Duration.ofSeconds(30);

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir
    static Path dir;

    private static EmbeddedSchemaRegistry registry;
    private static HealthstreamApp app;
    private static HeadlessChromium browser;

    @BeforeAll
    static void engineOverAGeneratedPortfolioAndABrowser() {
        Optional<Path> chromium = HeadlessChromium.binary();
        Prerequisite.require(
                chromium.isPresent(),
                "chromium is not installed (apt-get install -y --no-install-recommends chromium)");
        String bootstrap = KAFKA.bootstrapServers();
        AvroPublisher.createTopics(
                bootstrap,
                PARTITIONS,
                Stream.of(Topics.INPUTS, Topics.OUTPUTS, List.of(Topics.DEAD_LETTER, Topics.SAAS_KPIS))
                        .flatMap(List::stream)
                        .toList());
        registry = EmbeddedSchemaRegistry.start(0);
        app = HealthstreamApp.start(
                bootstrap,
                registry.url(),
                dir.resolve("engine"),
                Map.of(
                        "application.id",
                        APPLICATION_ID,
                        "http.auth.token",
                        TOKEN,
                        "http.auth.write-token",
                        WRITE_TOKEN,
                        "input.partitions",
                        Integer.toString(PARTITIONS)));
        app.awaitRunning(DEADLINE);
        publishPortfolio(bootstrap);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            await("every generated event processed").atMost(DEADLINE).until(() -> caughtUp(admin));
        }
        AtomicReference<JsonNode> previous = new AtomicReference<>();
        await("the portfolio settled, with RED accounts")
                .atMost(DEADLINE)
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    JsonNode now = portfolio();
                    return now.path("bands").path(0).path("accounts").asLong() > 0
                            && now.equals(previous.getAndSet(now));
                });
        browser = HeadlessChromium.start(chromium.get(), dir.resolve("chromium"));
        browser.viewport(1280, 900, false);
    }

    /** True once the engine's committed offsets reach the end of every input partition. */
    private static boolean caughtUp(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(APPLICATION_ID)
                .partitionsToOffsetAndMetadata()
                .get();
        Map<TopicPartition, OffsetSpec> inputs = new HashMap<>();
        for (String topic : Topics.INPUTS) {
            for (int partition = 0; partition < PARTITIONS; partition++) {
                inputs.put(new TopicPartition(topic, partition), OffsetSpec.latest());
            }
        }
        return admin.listOffsets(inputs).all().get().entrySet().stream().allMatch(end -> {
            OffsetAndMetadata offset = committed.get(end.getKey());
            return end.getValue().offset() == 0
                    || (offset != null && offset.offset() >= end.getValue().offset());
        });
    }

    private static void publishPortfolio(String bootstrap) {
        PortfolioSimulation simulation =
                new PortfolioSimulation(new PortfolioSpec(60, 60, 7, Instant.parse("2026-10-01T00:00:00Z")));
        try (AvroPublisher publisher =
                new AvroPublisher(bootstrap, AvroSerdes.fromConfig(Map.of("schema.registry.url", registry.url())))) {
            while (simulation.hasNextDay()) {
                publisher.publishAll(simulation.simulateNextDay());
            }
        }
    }

    private static JsonNode portfolio() {
        return HttpCalls.get(app.baseUrl() + "/portfolio", WITH_TOKEN).json();
    }

    @AfterAll
    static void stop() {
        Stream.of(browser, app, registry).filter(Objects::nonNull).forEach(closeable -> {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    @Order(1)
    @DisplayName("signed in with the token, the portfolio lists every RED account as at risk and counts the bands")
    void portfolioListsTheRedAccounts() {
        browser.open(app.baseUrl() + "/console/");
        browser.waitUntil("!document.getElementById('login').hidden", PAGE_DEADLINE);
        browser.evaluate("document.getElementById('token').value = " + quoted(TOKEN)
                + "; document.querySelector('#login-form button[type=submit]').click()");
        browser.waitUntil("document.querySelector('#at-risk tbody tr[data-account]') !== null", PAGE_DEADLINE);

        List<String> redListed = texts(
                HttpCalls.get(app.baseUrl() + "/accounts?band=RED&limit=500", WITH_TOKEN)
                        .json()
                        .path("accounts"),
                "account_id");
        JsonNode rows = browser.evaluate(
                "[...document.querySelectorAll('#at-risk tbody tr[data-account]')].map(r => ({account_id: r.dataset.account, band: r.dataset.band}))");
        JsonNode bands = browser.evaluate(
                "[...document.querySelectorAll('#bands tbody tr')].map(r => ({band: r.dataset.band, accounts: Number(r.cells[1].textContent)}))");

        assertThat(redListed).isNotEmpty();
        assertThat(texts(rows, "account_id")).containsAll(redListed);
        assertThat(texts(rows, "band")).contains("RED");
        assertThat(bands.path(0).path("band").asText()).isEqualTo("RED");
        assertThat(bands.path(0).path("accounts").asInt()).isEqualTo(redListed.size());
        browser.screenshot(SCREENSHOTS.resolve("portfolio.png"));
    }

    @Test
    @Order(2)
    @DisplayName("the at-risk list sorts by MRR at risk and by time in band with real buttons")
    void atRiskListSorts() {
        List<Long> byMrr =
                numbers("[...document.querySelectorAll('#at-risk tbody tr[data-account]')].map(r => r.dataset.mrr)");
        browser.evaluate("document.getElementById('sort-time').click()");
        browser.waitUntil(
                "document.getElementById('sort-time').closest('th').getAttribute('aria-sort') === 'descending'",
                PAGE_DEADLINE);
        List<Long> byTime = numbers(
                "[...document.querySelectorAll('#at-risk tbody tr[data-account]')].map(r => r.dataset.seconds)");

        assertThat(byMrr).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(byTime).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(browser.evaluate("document.activeElement.id").asText()).isEqualTo("sort-time");
    }

    @Test
    @Order(3)
    @DisplayName("filtered by touch tier, the at-risk list holds only that tier's accounts")
    void atRiskListFiltersByTouchTier() {
        JsonNode expected = HttpCalls.get(app.baseUrl() + "/portfolio?touch_tier=LOW_TOUCH", WITH_TOKEN)
                .json();
        browser.evaluate("document.getElementById('filter-touch_tier').value = 'LOW_TOUCH';"
                + " document.querySelector('#filters button[type=submit]').click()");
        browser.waitUntil(
                "location.hash.includes('touch_tier=LOW_TOUCH') && document.getElementById('filter-touch_tier')?.value === 'LOW_TOUCH'",
                PAGE_DEADLINE);
        JsonNode rows = browser.evaluate(
                "[...document.querySelectorAll('#at-risk tbody tr[data-account]')].map(r => ({account_id: r.dataset.account, tier: r.cells[7].textContent}))");

        assertThat(texts(rows, "account_id"))
                .containsExactlyInAnyOrderElementsOf(texts(expected.path("at_risk"), "account_id"));
        assertThat(texts(rows, "tier")).allMatch("LOW_TOUCH"::equals);
        browser.open(app.baseUrl() + "/console/#/");
        browser.waitUntil("document.querySelector('#at-risk tbody tr[data-account]') !== null", PAGE_DEADLINE);
    }

    @Test
    @Order(4)
    @DisplayName("an at-risk account's page charts a point per history point and its signals on the same axis")
    void accountChartRendersItsHistory() {
        String accountId = browser.evaluate("document.querySelector('#at-risk tbody tr[data-account]').dataset.account")
                .asText();
        browser.evaluate("document.querySelector('#at-risk tbody tr[data-account] a').click()");
        browser.waitUntil(
                "document.getElementById('account-page')?.dataset.account === " + quoted(accountId), PAGE_DEADLINE);
        // The span the page asked for: the 90 days up to the account's own latest evaluation.
        String historyPath = browser.evaluate("document.getElementById('account-page').dataset.history")
                .asText();
        JsonNode history =
                HttpCalls.get(app.baseUrl() + historyPath, WITH_TOKEN).json();

        assertThat(history.path("points").size()).isPositive();
        assertThat(browser.evaluate("document.querySelectorAll('#score-chart circle.point').length")
                        .asInt())
                .isEqualTo(history.path("points").size());
        assertThat(browser.evaluate("document.querySelectorAll('#score-chart .event-marker').length")
                        .asInt())
                .isEqualTo(history.path("events").size());
        assertThat(browser.evaluate("document.querySelectorAll('#score-chart line.threshold').length")
                        .asInt())
                .isEqualTo(3);
        assertThat(browser.evaluate("document.querySelectorAll('#drivers li').length")
                        .asInt())
                .isPositive();
        assertThat(browser.evaluate("[...document.querySelectorAll('dl.facts dt')].map(dt => dt.textContent).join('|')")
                        .asText())
                .isEqualTo("Score|Plan|Seats|MRR|Billing|Touch tier|Segment|Last event|Recommended action");
        assertThat(browser.evaluate("document.body.innerText.includes('[object')")
                        .asBoolean())
                .as("no element rendered as text")
                .isFalse();
        browser.screenshot(SCREENSHOTS.resolve("account.png"));
    }

    @Test
    @Order(5)
    @DisplayName("every form field has a label and every action is a real button or link")
    void formsAreKeyboardUsable() {
        assertThat(browser.evaluate("[...document.querySelectorAll('input, select, textarea')]"
                                + ".filter(f => f.labels.length === 0).map(f => f.id)")
                        .size())
                .isZero();
        assertThat(browser.evaluate("document.querySelectorAll('[onclick], div[tabindex], span[tabindex]').length")
                        .asInt())
                .isZero();
    }

    @Test
    @Order(6)
    @DisplayName("on a phone's screen neither page scrolls sideways")
    void pagesFitAPhone() {
        browser.viewport(390, 844, true);
        try {
            String account = browser.evaluate("document.getElementById('account-page').dataset.account")
                    .asText();
            browser.waitUntil("document.documentElement.scrollWidth <= window.innerWidth", PAGE_DEADLINE);
            browser.screenshot(SCREENSHOTS.resolve("account-phone.png"));
            browser.open(app.baseUrl() + "/console/#/");
            browser.waitUntil("document.querySelector('#at-risk tbody tr[data-account]') !== null", PAGE_DEADLINE);
            assertThat(browser.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
                            .asBoolean())
                    .isTrue();
            browser.screenshot(SCREENSHOTS.resolve("portfolio-phone.png"));
            browser.open(app.baseUrl() + "/console/#/account/" + account);
            browser.waitUntil("document.getElementById('account-page') !== null", PAGE_DEADLINE);
        } finally {
            browser.viewport(1280, 900, false);
        }
    }

    @Test
    @Order(7)
    @DisplayName("the override form posts to the override endpoint and the account shows the override once applied")
    void overrideRoundTrip() {
        String accountId = browser.evaluate("document.getElementById('account-page').dataset.account")
                .asText();
        browser.evaluate("const form = document.getElementById('override-form');"
                + " form.elements.band.value = 'GREEN';"
                + " form.elements.reason.value = 'Renewal signed on the call today';"
                + " form.elements.author.value = 'alice@example.com';"
                + " form.elements.days.value = '14';"
                + " form.elements.token.value = " + quoted(WRITE_TOKEN) + ";"
                + " form.querySelector('button[type=submit]').click()");
        browser.waitUntil(
                "document.getElementById('active-override')?.textContent.includes('Renewal signed on the call today')",
                DEADLINE);
        JsonNode account = HttpCalls.get(app.baseUrl() + "/accounts/" + accountId, WITH_TOKEN)
                .json();

        assertThat(browser.evaluate("document.querySelector('#active-override .badge').textContent")
                        .asText())
                .isEqualTo("GREEN");
        assertThat(browser.evaluate("document.getElementById('override-status').textContent")
                        .asText())
                .isEqualTo("Override recorded.");
        assertThat(account.path("override").path("band").asText()).isEqualTo("GREEN");
        assertThat(account.path("override").path("author").asText()).isEqualTo("alice@example.com");
        assertThat(account.path("band").asText())
                .as("the computed band is still shown")
                .isEqualTo("RED");
        browser.screenshot(SCREENSHOTS.resolve("account-overridden.png"));
    }

    @Test
    @Order(9)
    @DisplayName("the pages logged no console error, exception or failed load")
    void noConsoleErrors() {
        assertThat(browser.errors()).isEmpty();
    }

    private static List<Long> numbers(String expression) {
        List<Long> numbers = new ArrayList<>();
        browser.evaluate(expression).forEach(value -> numbers.add(value.isNull() ? -1 : value.asLong()));
        return numbers;
    }

    private static List<String> texts(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(node -> node.path(field).asText())
                .toList();
    }

    private static String quoted(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
