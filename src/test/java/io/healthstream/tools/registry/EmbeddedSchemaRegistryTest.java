package io.healthstream.tools.registry;

import static io.healthstream.tools.registry.RegistryHttp.schemaRequest;
import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.avro.UsageEvent;
import io.healthstream.serde.testdata.SampleSchemas;
import io.healthstream.tools.registry.RegistryHttp.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the embedded registry speaks the Confluent REST API over HTTP")
class EmbeddedSchemaRegistryTest {
    private static final String USAGE = UsageEvent.getClassSchema().toString();
    private static final String SUBJECT_PATH = "/subjects/usage-events-value";

    private final EmbeddedSchemaRegistry server = EmbeddedSchemaRegistry.start(0);
    private final RegistryHttp http = new RegistryHttp(server.url());

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void listensOnLoopbackWithAFreePort() {
        assertThat(server.url()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(http.get("/subjects").json().isArray()).isTrue();
    }

    @Test
    void registerReturnsIdAndTheSameSchemaAgainKeepsIt() {
        Reply first = http.post(SUBJECT_PATH + "/versions", schemaRequest(USAGE, null));
        Reply again = http.post(SUBJECT_PATH + "/versions", schemaRequest(USAGE, "AVRO"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(again.json().path("id").asInt())
                .isEqualTo(first.json().path("id").asInt());
        assertThat(http.get(SUBJECT_PATH + "/versions").json()).hasSize(1);
    }

    @Test
    @DisplayName("adding a field without default to UsageEvent is rejected with HTTP 409")
    void incompatibleChangeIsRejectedWith409() {
        http.post(SUBJECT_PATH + "/versions", schemaRequest(USAGE, null));

        Reply reply = http.post(
                SUBJECT_PATH + "/versions",
                schemaRequest(SampleSchemas.usageEventWithRequiredChannel().toString(), null));

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.errorCode()).isEqualTo(409);
        assertThat(reply.json().path("message").asText()).contains("channel");
    }

    @Test
    void compatibleChangeBecomesVersionTwo() {
        http.post(SUBJECT_PATH + "/versions", schemaRequest(USAGE, null));
        String next = SampleSchemas.usageEventWithChannelDefault().toString();

        assertThat(http.post("/compatibility" + SUBJECT_PATH + "/versions/latest", schemaRequest(next, null))
                        .json()
                        .path("is_compatible")
                        .asBoolean())
                .isTrue();
        http.post(SUBJECT_PATH + "/versions", schemaRequest(next, null));

        Reply latest = http.get(SUBJECT_PATH + "/versions/latest");
        assertThat(latest.json().path("version").asInt()).isEqualTo(2);
        assertThat(latest.json().path("subject").asText()).isEqualTo("usage-events-value");
    }

    @Test
    void compatibilityLevelNoneAllowsTheIncompatibleChange() {
        http.post(SUBJECT_PATH + "/versions", schemaRequest(USAGE, null));

        Reply config = http.put("/config/usage-events-value", "{\"compatibility\":\"NONE\"}");
        Reply registered = http.post(
                SUBJECT_PATH + "/versions",
                schemaRequest(SampleSchemas.usageEventWithRequiredChannel().toString(), null));

        assertThat(config.json().path("compatibility").asText()).isEqualTo("NONE");
        assertThat(http.get("/config/usage-events-value")
                        .json()
                        .path("compatibilityLevel")
                        .asText())
                .isEqualTo("NONE");
        assertThat(registered.status()).isEqualTo(200);
    }

    @Test
    void defaultCompatibilityIsBackward() {
        assertThat(http.get("/config").json().path("compatibilityLevel").asText())
                .isEqualTo("BACKWARD");
    }

    @Test
    @DisplayName("accepts what Confluent's Node client sends: schemaType AVRO and query parameters")
    void acceptsNodeClientRequests() {
        Reply registered = http.post(SUBJECT_PATH + "/versions?normalize=false", schemaRequest(USAGE, "AVRO"));
        int id = registered.json().path("id").asInt();

        assertThat(http.post(SUBJECT_PATH + "?normalize=false&deleted=false", schemaRequest(USAGE, "AVRO"))
                        .json()
                        .path("id")
                        .asInt())
                .isEqualTo(id);
        assertThat(http.get("/schemas/ids/" + id + "?subject=usage-events-value")
                        .json()
                        .path("schema")
                        .asText())
                .isEqualTo(USAGE);
        assertThat(http.get(SUBJECT_PATH + "/versions/1?deleted=false")
                        .json()
                        .path("id")
                        .asInt())
                .isEqualTo(id);
    }

    @Test
    void unsupportedSchemaTypeIsInvalid() {
        Reply reply = http.post(SUBJECT_PATH + "/versions", schemaRequest("syntax = \"proto3\";", "PROTOBUF"));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.errorCode()).isEqualTo(42201);
    }

    @Test
    void unparsableSchemaIsInvalidWithoutStackTrace() {
        Reply reply = http.post(SUBJECT_PATH + "/versions", schemaRequest("{\"type\":\"record\"", null));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.errorCode()).isEqualTo(42201);
        assertThat(reply.json().path("message").asText()).doesNotContain("\tat ");
    }

    @Test
    void missingSubjectVersionAndSchemaHaveTheirErrorCodes() {
        http.post(SUBJECT_PATH + "/versions", schemaRequest(USAGE, null));

        assertThat(http.get("/subjects/nope-value/versions/latest").errorCode()).isEqualTo(40401);
        assertThat(http.get(SUBJECT_PATH + "/versions/9").errorCode()).isEqualTo(40402);
        assertThat(http.get("/schemas/ids/999").errorCode()).isEqualTo(40403);
        assertThat(http.get("/schemas/ids/999").status()).isEqualTo(404);
    }

    @Test
    void malformedJsonAndUnknownPathsGetJsonErrors() {
        assertThat(http.post(SUBJECT_PATH + "/versions", "{not json").status()).isEqualTo(400);
        assertThat(http.get("/nothing/here").status()).isEqualTo(404);
        assertThat(http.get("/nothing/here").json().has("error_code")).isTrue();
        assertThat(http.put("/subjects", "{}").status()).isEqualTo(405);
    }

    @Test
    void subjectsAreListed() {
        http.post("/subjects/a-value/versions", schemaRequest(USAGE, null));
        http.post("/subjects/b%20c-value/versions", schemaRequest(USAGE, null));

        assertThat(http.get("/subjects").json())
                .extracting(node -> node.asText())
                .containsExactly("a-value", "b c-value");
    }
}
