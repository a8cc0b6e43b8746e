package io.healthstream.testsupport;

import io.healthstream.tools.broker.EmbeddedKafkaBroker;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One real Kafka broker per test class, started before the first test and stopped after the last.
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
    private final Optional<Map<String, String>> saslUsers;
    private EmbeddedKafkaBroker broker;

    public KafkaBrokerExtension() {
        this(Optional.empty());
    }

    private KafkaBrokerExtension(Optional<Map<String, String>> saslUsers) {
        this.saslUsers = saslUsers;
    }

    /** A broker that also listens for SASL_PLAINTEXT clients, accepting {@code users} (name to password). */
    public static KafkaBrokerExtension withSaslPlain(Map<String, String> users) {
        return new KafkaBrokerExtension(Optional.of(Map.copyOf(users)));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // Nested classes run inside their enclosing class's lifecycle: keep the one broker.
        if (broker == null) {
            broker = saslUsers.map(EmbeddedKafkaBroker::startWithSaslPlain).orElseGet(EmbeddedKafkaBroker::start);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        boolean outermostClass =
                context.getParent().flatMap(ExtensionContext::getTestClass).isEmpty();
        if (broker != null && outermostClass) {
            broker.close();
            broker = null;
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
