package io.healthstream.serde;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

@DisplayName("registry contract: Apicurio Registry's Confluent-compatible API")
class ApicurioRegistryContractIT extends RegistryContractIT {
    private static ApicurioRegistry apicurio;

    @BeforeAll
    static void startApicurio() throws IOException, InterruptedException {
        apicurio = ApicurioRegistry.start();
    }

    @AfterAll
    static void stopApicurio() {
        if (apicurio != null) {
            apicurio.close();
        }
    }

    @Override
    protected String registryUrl() {
        return apicurio.ccompatUrl();
    }
}
