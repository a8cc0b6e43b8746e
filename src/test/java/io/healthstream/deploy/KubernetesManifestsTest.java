package io.healthstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.healthstream.app.Settings;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes, checked without a cluster: every manifest parses and names its kind, and the pieces
 * agree with each other and with healthstream (probes, ports, the state directory, application.server,
 * the configuration the pods load).
 */
class KubernetesManifestsTest {
    private static final Path DIR = Path.of("deploy/kubernetes");
    private static final List<JsonNode> MANIFESTS = new ArrayList<>();

    @BeforeAll
    static void readEveryManifest() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (MappingIterator<JsonNode> documents =
                        new YAMLMapper().readerFor(JsonNode.class).readValues(file.toFile())) {
                    documents.forEachRemaining(MANIFESTS::add);
                }
            }
        }
    }

    @Test
    @DisplayName("every manifest has apiVersion, kind and a name, and the example has all it needs")
    void everyManifestIsAKubernetesObject() {
        assertThat(MANIFESTS).allSatisfy(manifest -> {
            assertThat(manifest.path("apiVersion").asText()).isNotBlank();
            assertThat(manifest.path("kind").asText()).isNotBlank();
            assertThat(manifest.path("metadata").path("name").asText()).matches("[a-z0-9-]+");
        });
        assertThat(MANIFESTS)
                .extracting(manifest -> manifest.path("kind").asText())
                .containsExactlyInAnyOrder("ConfigMap", "PodDisruptionBudget", "Service", "Service", "StatefulSet");
    }

    @Test
    @DisplayName("the StatefulSet's headless service exists and application.server is the pod's DNS name under it")
    void applicationServerIsThePodsDnsName() {
        JsonNode statefulSet = one("StatefulSet");
        String serviceName = statefulSet.path("spec").path("serviceName").asText();
        JsonNode headless = named("Service", serviceName);

        assertThat(headless.path("spec").path("clusterIP").asText()).isEqualTo("None");
        assertThat(env(container()).get("HEALTHSTREAM_KAFKA_APPLICATION_SERVER"))
                .isEqualTo("$(POD_NAME)." + serviceName + ".$(POD_NAMESPACE).svc.cluster.local:" + httpPort());
    }

    @Test
    @DisplayName("probes ask /health/live and /health/ready on the port healthstream listens on")
    void probesUseTheHealthEndpoints() {
        JsonNode container = container();

        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText())
                .isEqualTo("/health/live");
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
                .isEqualTo("/health/ready");
        assertThat(container.path("ports").path(0).path("containerPort").asInt())
                .isEqualTo(httpPort());
        assertThat(container.path("resources").path("requests").has("memory")).isTrue();
        assertThat(container.path("resources").path("limits").has("memory")).isTrue();
    }

    @Test
    @DisplayName("the state directory is on the pod's own persistent volume")
    void stateDirectoryIsOnAPersistentVolume() throws IOException {
        JsonNode statefulSet = one("StatefulSet");
        String claim = statefulSet
                .path("spec")
                .path("volumeClaimTemplates")
                .path(0)
                .path("metadata")
                .path("name")
                .asText();

        assertThat(container().path("volumeMounts").findValues("name"))
                .extracting(JsonNode::asText)
                .contains(claim);
        assertThat(container().path("volumeMounts")).anySatisfy(mount -> {
            assertThat(mount.path("name").asText()).isEqualTo(claim);
            assertThat(mount.path("mountPath").asText())
                    .isEqualTo(appProperties().getProperty("kafka.state.dir"));
        });
    }

    @Test
    @DisplayName("the PodDisruptionBudget selects the StatefulSet's pods and lets one go at a time")
    void disruptionBudgetCoversThePods() {
        JsonNode pdb = one("PodDisruptionBudget");

        assertThat(pdb.path("spec").path("selector").path("matchLabels"))
                .isEqualTo(one("StatefulSet")
                        .path("spec")
                        .path("template")
                        .path("metadata")
                        .path("labels"));
        assertThat(pdb.path("spec").path("maxUnavailable").asInt()).isEqualTo(1);
    }

    @Test
    @DisplayName("the pods' configuration, with the Secret's variables, is one healthstream accepts")
    void configurationLoads() throws IOException {
        Path file = Files.createTempFile("k8s-app", ".properties");
        try {
            Files.writeString(
                    file, one("ConfigMap").path("data").path("app.properties").asText());
            Map<String, String> environment = new HashMap<>();
            // What the Secret would hold; the registry's user info is user:password.
            env(container())
                    .forEach((name, value) -> environment.put(
                            name,
                            value != null
                                    ? value
                                    : name.endsWith("USER_INFO") ? "hs:secret-0123456789" : "secret-0123456789abcdef"));

            Settings settings = Settings.load(file, environment);

            assertThat(settings.api().bind()).isEqualTo("0.0.0.0");
            assertThat(settings.api().authToken()).isPresent();
            assertThat(settings.streamsProperties())
                    .containsKeys("application.server", "sasl.jaas.config", "ssl.truststore.password", "state.dir");
        } finally {
            Files.delete(file);
        }
    }

    private static int httpPort() {
        try {
            return Integer.parseInt(appProperties().getProperty("http.port"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Properties appProperties() throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(
                one("ConfigMap").path("data").path("app.properties").asText()));
        return properties;
    }

    private static JsonNode container() {
        return one("StatefulSet")
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .path(0);
    }

    /** The container's environment: literal values, null for those taken from a Secret or the pod. */
    private static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new HashMap<>();
        container
                .path("env")
                .forEach(var -> env.put(
                        var.path("name").asText(),
                        var.has("value") ? var.path("value").asText() : null));
        return env;
    }

    private static JsonNode one(String kind) {
        List<JsonNode> found = MANIFESTS.stream()
                .filter(manifest -> manifest.path("kind").asText().equals(kind))
                .toList();
        assertThat(found).as(kind).hasSize(1);
        return found.get(0);
    }

    private static JsonNode named(String kind, String name) {
        return MANIFESTS.stream()
                .filter(manifest -> manifest.path("kind").asText().equals(kind)
                        && manifest.path("metadata").path("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
    }
}
