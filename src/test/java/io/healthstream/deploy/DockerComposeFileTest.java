package io.healthstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Checks docker-compose.yml and the files it mounts against each other, since no Docker engine runs here. */
class DockerComposeFileTest {
    private static final Path REPO = Path.of("").toAbsolutePath();
    private static final String KAFKA = "kafka";
    private static final String SCHEMA_REGISTRY = "schema-registry";
    private static final String HEALTHSTREAM = "healthstream";
    private static final String GENERATOR = "generator";
    private static final String TOPICS = "topics";
    private static final String PROMETHEUS = "prometheus";
    private static final String GRAFANA = "grafana";
    // A tag that names a version: digits with dots, optionally prefixed with v and followed by a suffix.
    private static final Pattern VERSION_TAG = Pattern.compile("v?\\d+(\\.\\d+)+([._-][A-Za-z0-9._-]+)?");

    private static ComposeFile compose;
    private static Properties appProperties;

    @BeforeAll
    static void readComposeFileAndHealthstreamConfig() throws IOException {
        compose = ComposeFile.read(REPO.resolve("docker-compose.yml"));
        String configInContainer = compose.commandOption(HEALTHSTREAM, "--config")
                .orElseThrow(() -> new AssertionError("healthstream is started without --config"));
        appProperties = new Properties();
        try (Reader reader = Files.newBufferedReader(compose.hostPathMountedAt(HEALTHSTREAM, configInContainer))) {
            appProperties.load(reader);
        }
    }

    @Test
    @DisplayName("every bind-mounted host path exists in the repository")
    void everyBindMountedHostPathExists() {
        List<ComposeFile.BindMount> mounts = new ArrayList<>();
        compose.serviceNames().forEach(service -> mounts.addAll(compose.bindMounts(service)));

        assertThat(mounts).as("bind mounts in docker-compose.yml").isNotEmpty();
        assertThat(mounts).allSatisfy(mount -> {
            assertThat(mount.hostPath()).exists();
            assertThat(mount.hostPath()).startsWith(REPO);
        });
    }

    @Test
    @DisplayName("every image has a version tag, and services without one are built from the repository")
    void everyImageIsPinnedToAVersion() {
        assertThat(compose.serviceNames()).allSatisfy(service -> {
            JsonNode definition = compose.service(service);
            if (definition.has("image")) {
                assertThat(versionTagOf(definition.path("image").asText()))
                        .as("tag of %s's image", service)
                        .matches(VERSION_TAG);
            } else {
                assertThat(definition.has("build"))
                        .as("%s has neither image nor build", service)
                        .isTrue();
            }
        });
    }

    @Test
    @DisplayName("the kafka service runs the Kafka version of the client libraries (pom.xml's kafka.version)")
    void kafkaImageIsTheClientLibrariesVersion() throws IOException {
        Matcher version = Pattern.compile("<kafka.version>([^<]+)</kafka.version>")
                .matcher(Files.readString(REPO.resolve("pom.xml")));
        assertThat(version.find()).isTrue();

        assertThat(compose.service(KAFKA).path("image").asText()).isEqualTo("apache/kafka:" + version.group(1));
    }

    @Test
    @DisplayName("Prometheus scrapes with the bearer token healthstream asks for, mounted as a compose secret")
    void prometheusScrapesWithTheToken() throws IOException {
        JsonNode job = new YAMLMapper()
                .readTree(compose.hostPathMountedAt(PROMETHEUS, "/etc/prometheus/prometheus.yml")
                        .toFile())
                .path("scrape_configs")
                .path(0);
        String secret = compose.service(PROMETHEUS).path("secrets").path(0).asText();

        assertThat(job.path("authorization").path("credentials_file").asText()).isEqualTo("/run/secrets/" + secret);
        assertThat(compose.environment(HEALTHSTREAM)).containsKey("HEALTHSTREAM_HTTP_AUTH_TOKEN");
        assertThat(appProperties.getProperty("http.bind")).isEqualTo("0.0.0.0");
    }

    @Test
    @DisplayName("the Dockerfile's base images have version tags")
    void dockerfileBaseImagesArePinned() throws IOException {
        List<String> baseImages = Files.readAllLines(REPO.resolve("Dockerfile")).stream()
                .filter(line -> line.startsWith("FROM "))
                .map(line -> line.split("\\s+")[1])
                .toList();

        assertThat(baseImages)
                .hasSize(2)
                .allSatisfy(image -> assertThat(versionTagOf(image)).matches(VERSION_TAG));
    }

    @Test
    @DisplayName("healthstream's bootstrap.servers is the kafka service's in-network listener")
    void bootstrapServersIsTheKafkaInNetworkListener() {
        Map<String, String> kafkaEnv = compose.environment(KAFKA);
        URI advertised = listenerWithHost(kafkaEnv.get("KAFKA_ADVERTISED_LISTENERS"), KAFKA);
        String listenerName = advertised.getScheme().toUpperCase(Locale.ROOT);

        assertThat(appProperties.getProperty("bootstrap.servers")).isEqualTo(KAFKA + ":" + advertised.getPort());
        assertThat(kafkaEnv.get("KAFKA_LISTENERS"))
                .as("kafka binds the advertised in-network listener")
                .contains(listenerName + "://:" + advertised.getPort());
        assertThat(kafkaEnv.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP")).contains(listenerName + ":PLAINTEXT");
    }

    @Test
    @DisplayName("healthstream's schema.registry.url is the schema-registry service and its listener port")
    void schemaRegistryUrlIsTheSchemaRegistryService() {
        URI url = URI.create(appProperties.getProperty("schema.registry.url"));
        URI listener = URI.create(compose.environment(SCHEMA_REGISTRY).get("SCHEMA_REGISTRY_LISTENERS"));

        assertThat(url.getHost()).isEqualTo(SCHEMA_REGISTRY);
        assertThat(url.getPort()).isEqualTo(listener.getPort());
        assertThat(compose.environment(SCHEMA_REGISTRY).get("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS"))
                .isEqualTo(appProperties.getProperty("bootstrap.servers"));
    }

    @Test
    @DisplayName("the generator talks to the same Kafka and registry as healthstream")
    void generatorUsesTheSameKafkaAndRegistry() {
        assertThat(compose.commandOption(GENERATOR, "--bootstrap-servers"))
                .contains(appProperties.getProperty("bootstrap.servers"));
        assertThat(compose.commandOption(GENERATOR, "--schema-registry-url"))
                .contains(appProperties.getProperty("schema.registry.url"));
    }

    @Test
    @DisplayName("Prometheus scrapes healthstream's service name on its http.port, which healthstream publishes")
    void prometheusScrapesHealthstreamHttpPort() throws IOException {
        JsonNode config = new YAMLMapper()
                .readTree(compose.hostPathMountedAt(PROMETHEUS, "/etc/prometheus/prometheus.yml")
                        .toFile());
        List<String> targets = new ArrayList<>();
        for (JsonNode job : config.path("scrape_configs")) {
            job.path("static_configs").forEach(group -> group.path("targets").forEach(t -> targets.add(t.asText())));
        }
        int httpPort = Integer.parseInt(appProperties.getProperty("http.port"));

        assertThat(targets).contains(HEALTHSTREAM + ":" + httpPort);
        assertThat(compose.publishedContainerPorts(HEALTHSTREAM)).contains(httpPort);
        assertThat(compose.service(HEALTHSTREAM)
                        .path("healthcheck")
                        .path("test")
                        .toString())
                .contains("localhost:" + httpPort + "/health/live");
    }

    @Test
    @DisplayName("Grafana's provisioned datasource is the prometheus service and the dashboards use its uid")
    void grafanaDatasourceAndDashboardsLineUp() throws IOException {
        JsonNode datasource = new YAMLMapper()
                .readTree(compose.hostPathMountedAt(GRAFANA, "/etc/grafana/provisioning/datasources/prometheus.yml")
                        .toFile())
                .path("datasources")
                .path(0);
        JsonNode provider = new YAMLMapper()
                .readTree(compose.hostPathMountedAt(GRAFANA, "/etc/grafana/provisioning/dashboards/healthstream.yml")
                        .toFile())
                .path("providers")
                .path(0);
        Path dashboards = compose.hostPathMountedAt(
                GRAFANA, provider.path("options").path("path").asText());
        JsonNode dashboard = new YAMLMapper()
                .readTree(dashboards.resolve("healthstream.json").toFile());

        assertThat(URI.create(datasource.path("url").asText()).getHost()).isEqualTo(PROMETHEUS);
        assertThat(compose.publishedContainerPorts(PROMETHEUS))
                .contains(URI.create(datasource.path("url").asText()).getPort());
        assertThat(dashboard.path("panels").findValues("uid"))
                .isNotEmpty()
                .allSatisfy(uid -> assertThat(uid.asText())
                        .isEqualTo(datasource.path("uid").asText()));
    }

    @Test
    @DisplayName("every depends_on names an existing service, with a healthcheck when it waits for service_healthy")
    void dependenciesExistAndHealthyOnesHaveHealthchecks() {
        int healthyDependencies = 0;
        for (String service : compose.serviceNames()) {
            for (Map.Entry<String, String> dependency :
                    compose.dependsOn(service).entrySet()) {
                assertThat(compose.hasService(dependency.getKey()))
                        .as("%s depends on unknown service %s", service, dependency.getKey())
                        .isTrue();
                if ("service_healthy".equals(dependency.getValue())) {
                    healthyDependencies++;
                    assertThat(compose.service(dependency.getKey()).has("healthcheck"))
                            .as("%s waits for %s to be healthy, which has no healthcheck", service, dependency.getKey())
                            .isTrue();
                }
            }
        }
        assertThat(healthyDependencies)
                .as("service_healthy dependencies checked")
                .isPositive();
    }

    @Test
    @DisplayName("topics are created, with as many partitions as input.partitions says, before healthstream runs")
    void topicsAreCreatedBeforeHealthstreamRuns() {
        assertThat(compose.dependsOn(HEALTHSTREAM)).containsEntry(TOPICS, "service_completed_successfully");
        assertThat(compose.commandOption(TOPICS, "--partitions"))
                .contains(appProperties.getProperty("input.partitions"));
        assertThat(compose.commandOption(TOPICS, "--config"))
                .isEqualTo(compose.commandOption(HEALTHSTREAM, "--config"));
    }

    @Test
    @DisplayName("healthstream scores the generator's portfolio with the generator's model settings")
    void healthstreamUsesTheGeneratorsModelSettings() throws IOException {
        Properties demo = new Properties();
        try (Reader reader = Files.newBufferedReader(REPO.resolve("src/main/resources/demo.properties"))) {
            demo.load(reader);
        }
        assertThat(demo).isNotEmpty();
        demo.forEach((key, value) -> assertThat(appProperties.getProperty(key.toString()))
                .as("%s", key)
                .isEqualTo(value));
    }

    private static String versionTagOf(String image) {
        String nameAndTag = image.substring(image.lastIndexOf('/') + 1);
        int colon = nameAndTag.indexOf(':');
        return colon < 0 ? "" : nameAndTag.substring(colon + 1);
    }

    private static URI listenerWithHost(String listeners, String host) {
        for (String listener : listeners.split(",")) {
            URI uri = URI.create(listener.trim());
            if (host.equals(uri.getHost())) {
                return uri;
            }
        }
        throw new AssertionError("no listener on host " + host + " in " + listeners);
    }
}
