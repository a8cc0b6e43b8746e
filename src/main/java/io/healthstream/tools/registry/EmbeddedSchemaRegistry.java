package io.healthstream.tools.registry;

import com.sun.net.httpserver.HttpServer;
import io.healthstream.serde.InMemorySchemaRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Confluent-compatible schema registry served over HTTP from memory, on 127.0.0.1, for the demo
 * and for tests. Close it to stop the server.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);

    private final HttpServer server;
    private final InMemorySchemaRegistry registry;

    private EmbeddedSchemaRegistry(HttpServer server, InMemorySchemaRegistry registry) {
        this.server = server;
        this.registry = registry;
    }

    /** Starts an empty registry on the port, or on a free port when {@code port} is 0. */
    public static EmbeddedSchemaRegistry start(int port) {
        return start(port, new InMemorySchemaRegistry());
    }

    /** Serves the given registry on the port, or on a free port when {@code port} is 0. */
    public static EmbeddedSchemaRegistry start(int port, InMemorySchemaRegistry registry) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            server.createContext("/", new RegistryHttpHandler(registry));
            server.start();
            EmbeddedSchemaRegistry started = new EmbeddedSchemaRegistry(server, registry);
            LOG.info("Embedded schema registry listening on {}", started.url());
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded schema registry on port " + port, e);
        }
    }

    /** The base URL to use as {@code schema.registry.url}, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The registry behind the HTTP API, for direct inspection. */
    public InMemorySchemaRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        server.stop(0);
        LOG.info("Embedded schema registry on {} stopped", url());
    }
}
