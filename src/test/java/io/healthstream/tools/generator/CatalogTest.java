package io.healthstream.tools.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CatalogTest {
    @Test
    void demoPropertiesExpectWhatEachPlanIsBuiltFor() throws IOException {
        Properties demo = demoProperties();
        assertThat(Catalog.PLANS)
                .allSatisfy(
                        plan -> assertThat(Double.parseDouble(demo.getProperty("usage.expected.plan." + plan.name())))
                                .isEqualTo(plan.expectedUsage()));
    }

    @Test
    void demoPropertiesScoreEveryActionAsTheGeneratorDoes() throws IOException {
        Properties demo = demoProperties();
        assertThat(Catalog.IMPACTS)
                .allSatisfy(
                        (action, impact) -> assertThat(Double.parseDouble(demo.getProperty("usage.impact." + action)))
                                .isEqualTo(impact));
        assertThat(demo.stringPropertyNames()).hasSize(Catalog.PLANS.size() + Catalog.IMPACTS.size());
    }

    @Test
    void plansGetDearerFromStarterToEnterprise() {
        assertThat(Catalog.PLANS).isSortedAccordingTo((a, b) -> Long.compare(a.pricePerSeat(), b.pricePerSeat()));
        assertThat(Catalog.cheaper(Catalog.plan("starter")).name()).isEqualTo("starter");
        assertThat(Catalog.dearer(Catalog.plan("pro")).name()).isEqualTo("business");
    }

    private static Properties demoProperties() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = CatalogTest.class.getResourceAsStream("/demo.properties")) {
            properties.load(in);
        }
        return properties;
    }
}
