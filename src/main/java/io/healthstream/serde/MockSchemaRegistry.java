package io.healthstream.serde;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-process registries behind {@code mock://<scope>} URLs, one per scope, like Confluent's
 * MockSchemaRegistry. Serdes built for the same scope share one registry; tests drop their scope
 * afterwards so state never leaks between them. This is the only static state in the package.
 */
public final class MockSchemaRegistry {
    /** The URL scheme that selects an in-process registry. */
    public static final String SCHEME = "mock://";

    private static final Map<String, InMemorySchemaRegistry> SCOPES = new ConcurrentHashMap<>();

    private MockSchemaRegistry() {}

    /** The registry of a scope, created on first use. */
    public static InMemorySchemaRegistry scope(String scope) {
        return SCOPES.computeIfAbsent(scope, s -> new InMemorySchemaRegistry());
    }

    /** Forgets a scope and everything registered in it. */
    public static void dropScope(String scope) {
        SCOPES.remove(scope);
    }

    /** The scope named by a {@code mock://<scope>} URL. */
    static String scopeOf(String url) {
        return url.substring(SCHEME.length());
    }

    static boolean isMockUrl(String url) {
        return url.startsWith(SCHEME);
    }
}
