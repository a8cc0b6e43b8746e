package io.healthstream.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryTest {
    private static final Schema V1 =
            SchemaBuilder.record("Account").fields().requiredString("id").endRecord();
    private static final Schema V2_WITH_DEFAULT = SchemaBuilder.record("Account")
            .fields()
            .requiredString("id")
            .name("plan")
            .type()
            .stringType()
            .stringDefault("free")
            .endRecord();
    private static final Schema V2_WITHOUT_DEFAULT = SchemaBuilder.record("Account")
            .fields()
            .requiredString("id")
            .requiredString("plan")
            .endRecord();

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void sameSchemaGetsTheSameIdInEverySubject() {
        int first = registry.register("accounts-value", V1);
        int again = registry.register("accounts-value", V1);
        int otherSubject = registry.register("backup-value", V1);

        assertThat(again).isEqualTo(first);
        assertThat(otherSubject).isEqualTo(first);
        assertThat(registry.versions("accounts-value")).containsExactly(1);
    }

    @Test
    void versionsCountPerSubject() {
        registry.register("accounts-value", V1);
        int v2 = registry.register("accounts-value", V2_WITH_DEFAULT);

        assertThat(registry.latest("accounts-value"))
                .isEqualTo(new RegisteredSchema("accounts-value", 2, v2, V2_WITH_DEFAULT));
        assertThat(registry.lookup("accounts-value", V1).version()).isEqualTo(1);
    }

    @Test
    void addingFieldWithoutDefaultIsRejectedAsIncompatible() {
        registry.register("accounts-value", V1);

        assertThat(registry.isCompatible("accounts-value", V2_WITHOUT_DEFAULT)).isFalse();
        assertThatThrownBy(() -> registry.register("accounts-value", V2_WITHOUT_DEFAULT))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("plan");
                });
    }

    @Test
    void levelNoneAcceptsAnyChange() {
        registry.register("accounts-value", V1);
        registry.setCompatibility("accounts-value", CompatibilityLevel.NONE);

        assertThat(registry.register("accounts-value", V2_WITHOUT_DEFAULT)).isPositive();
        assertThat(registry.compatibility("other-value")).isEqualTo(CompatibilityLevel.BACKWARD);
    }

    @Test
    void schemasDifferingOnlyInDefaultsGetDifferentIds() {
        Schema otherDefault = SchemaBuilder.record("Account")
                .fields()
                .requiredString("id")
                .name("plan")
                .type()
                .stringType()
                .stringDefault("pro")
                .endRecord();

        assertThat(registry.register("a-value", V2_WITH_DEFAULT))
                .isNotEqualTo(registry.register("b-value", otherDefault));
    }

    @Test
    void missingThingsHaveConfluentErrorCodes() {
        registry.register("accounts-value", V1);

        assertErrorCode(() -> registry.latest("nope-value"), SchemaRegistryException.SUBJECT_NOT_FOUND);
        assertErrorCode(() -> registry.version("accounts-value", "2"), SchemaRegistryException.VERSION_NOT_FOUND);
        assertErrorCode(() -> registry.version("accounts-value", "x"), SchemaRegistryException.VERSION_NOT_FOUND);
        assertErrorCode(() -> registry.schemaById(99), SchemaRegistryException.SCHEMA_NOT_FOUND);
        assertErrorCode(
                () -> registry.lookup("accounts-value", V2_WITH_DEFAULT), SchemaRegistryException.SCHEMA_NOT_FOUND);
    }

    private static void assertErrorCode(Runnable call, int errorCode) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(errorCode));
    }
}
