package io.healthstream.serde;

import io.healthstream.tools.registry.EmbeddedSchemaRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

@DisplayName("registry contract: our embedded registry over HTTP")
class EmbeddedRegistryContractIT extends RegistryContractIT {
    private static EmbeddedSchemaRegistry registry;

    @BeforeAll
    static void startRegistry() {
        registry = EmbeddedSchemaRegistry.start(0);
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Override
    protected String registryUrl() {
        return registry.url();
    }
}
