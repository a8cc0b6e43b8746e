package io.healthstream.testsupport;

import io.healthstream.tools.broker.EmbeddedKafkaBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.common.GroupState;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real Kafka broker for a test class: by default one broker shared by every test class of the JVM (started by
 * the first, stopped when the test run ends), which every class finds empty, as if it were new: its topics and
 * consumer groups are deleted before the class's first test ({@link #clear()}, which a test may also call itself).
 * Each broker start costs seconds (a child JVM), so share it unless the test stops, bounces or specially configures
 * the broker: {@link #ownBroker()} and {@link #withSaslPlain} give the class a broker of its own.
 *
 * <p>Register it on a static field and ask it for the address, or take the broker as a parameter:
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
 *
 * @Test
 * void somethingAgainstKafka(EmbeddedKafkaBroker broker) {
 *     String bootstrapServers = KAFKA.bootstrapServers(); // same as broker.bootstrapServers()
 * }
 * }</pre>
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace SHARED =
            ExtensionContext.Namespace.create(KafkaBrokerExtension.class);
    private static final Duration CLEAR_TIMEOUT = Duration.ofSeconds(30);

    /** Starts the class's own broker; empty for the shared one. */
    private final Optional<Supplier<EmbeddedKafkaBroker>> own;

    private EmbeddedKafkaBroker broker;

    /** The broker shared by the test classes, emptied before this class runs. */
    public KafkaBrokerExtension() {
        this(Optional.empty());
    }

    private KafkaBrokerExtension(Optional<Supplier<EmbeddedKafkaBroker>> own) {
        this.own = own;
    }

    /** A broker of the class's own, started before its first test and stopped after its last. */
    public static KafkaBrokerExtension ownBroker() {
        return new KafkaBrokerExtension(Optional.of(EmbeddedKafkaBroker::start));
    }

    /** A broker of the class's own that also listens for SASL_PLAINTEXT clients, accepting {@code users}. */
    public static KafkaBrokerExtension withSaslPlain(Map<String, String> users) {
        Map<String, String> accepted = Map.copyOf(users);
        return new KafkaBrokerExtension(Optional.of(() -> EmbeddedKafkaBroker.startWithSaslPlain(accepted)));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // Nested classes run inside their enclosing class's lifecycle: keep the one broker.
        if (broker != null) {
            return;
        }
        if (own.isPresent()) {
            broker = own.get().get();
        } else {
            // The root context's store is closed (and the broker with it) when the whole test run ends.
            broker = context.getRoot()
                    .getStore(SHARED)
                    .getOrComputeIfAbsent("broker", key -> EmbeddedKafkaBroker.start(), EmbeddedKafkaBroker.class);
            clear();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        boolean outermostClass =
                context.getParent().flatMap(ExtensionContext::getTestClass).isEmpty();
        if (broker != null && outermostClass) {
            if (own.isPresent()) {
                broker.close();
            }
            broker = null;
        }
    }

    /**
     * Deletes every topic and consumer group (members still registered, such as a closed Kafka Streams instance
     * that did not leave its group, are removed first), so that the broker looks as a new one does.
     */
    public void clear() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            Set<String> topics = admin.listTopics().names().get();
            admin.deleteTopics(topics).all().get();
            Awaitility.await("topics deleted: " + topics)
                    .atMost(CLEAR_TIMEOUT)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> admin.listTopics().names().get().isEmpty());
            List<GroupListing> groups = List.copyOf(admin.listGroups(ListGroupsOptions.forConsumerGroups())
                    .all()
                    .get());
            for (GroupListing group : groups) {
                if (group.groupState().filter(GroupState.EMPTY::equals).isEmpty()) {
                    admin.removeMembersFromConsumerGroup(group.groupId(), new RemoveMembersFromConsumerGroupOptions())
                            .all()
                            .get();
                }
            }
            admin.deleteConsumerGroups(
                            groups.stream().map(GroupListing::groupId).toList())
                    .all()
                    .get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not empty the shared broker", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while emptying the shared broker", e);
        }
    }

    /** The running broker; only between the class's first and last test. */
    public EmbeddedKafkaBroker broker() {
        if (broker == null) {
            throw new IllegalStateException(
                    "the broker runs only while the test class runs; register the extension" + " on a static field");
        }
        return broker;
    }

    /** The {@code bootstrap.servers} value of the running broker. */
    public String bootstrapServers() {
        return broker().bootstrapServers();
    }

    /** The {@code bootstrap.servers} of the SASL_PLAINTEXT listener ({@link #withSaslPlain} only). */
    public String saslBootstrapServers() {
        return broker().saslBootstrapServers()
                .orElseThrow(() -> new IllegalStateException("the broker has no SASL listener; use withSaslPlain"));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == EmbeddedKafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return broker();
    }
}
