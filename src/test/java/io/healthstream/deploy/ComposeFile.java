package io.healthstream.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A parsed docker-compose.yml, read the way Compose reads the parts our tests check. */
final class ComposeFile {
    private final Path directory;
    private final JsonNode services;

    private ComposeFile(Path directory, JsonNode root) {
        this.directory = directory;
        this.services = root.path("services");
    }

    static ComposeFile read(Path file) throws IOException {
        return new ComposeFile(file.toAbsolutePath().getParent(), new YAMLMapper().readTree(file.toFile()));
    }

    List<String> serviceNames() {
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        return names;
    }

    JsonNode service(String name) {
        JsonNode service = services.path(name);
        if (service.isMissingNode()) {
            throw new AssertionError("docker-compose.yml has no service " + name);
        }
        return service;
    }

    boolean hasService(String name) {
        return services.has(name);
    }

    /** Bind mounts in short ({@code ./host:/container:ro}) or long ({@code type: bind}) syntax. */
    List<BindMount> bindMounts(String serviceName) {
        List<BindMount> mounts = new ArrayList<>();
        for (JsonNode volume : service(serviceName).path("volumes")) {
            if (volume.isTextual()) {
                String[] parts = volume.asText().split(":");
                // A named volume has no path separator in its source.
                if (parts.length >= 2 && parts[0].contains("/")) {
                    mounts.add(new BindMount(directory.resolve(parts[0]).normalize(), parts[1]));
                }
            } else if ("bind".equals(volume.path("type").asText())) {
                mounts.add(new BindMount(
                        directory.resolve(volume.path("source").asText()).normalize(),
                        volume.path("target").asText()));
            }
        }
        return mounts;
    }

    /** The host file or directory that a service sees at {@code containerPath}. */
    Path hostPathMountedAt(String serviceName, String containerPath) {
        for (BindMount mount : bindMounts(serviceName)) {
            if (containerPath.equals(mount.containerPath())) {
                return mount.hostPath();
            }
            if (containerPath.startsWith(mount.containerPath() + "/")) {
                return mount.hostPath()
                        .resolve(containerPath.substring(mount.containerPath().length() + 1));
            }
        }
        throw new AssertionError("service " + serviceName + " mounts nothing at " + containerPath);
    }

    /** Environment in map or {@code KEY=value} list form. */
    Map<String, String> environment(String serviceName) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode environment = service(serviceName).path("environment");
        if (environment.isArray()) {
            for (JsonNode entry : environment) {
                String[] keyValue = entry.asText().split("=", 2);
                env.put(keyValue[0], keyValue.length > 1 ? keyValue[1] : "");
            }
        } else {
            environment
                    .fields()
                    .forEachRemaining(
                            field -> env.put(field.getKey(), field.getValue().asText()));
        }
        return env;
    }

    /** The command as an argument list, whether written as a list or as one string. */
    List<String> command(String serviceName) {
        JsonNode command = service(serviceName).path("command");
        List<String> args = new ArrayList<>();
        if (command.isTextual()) {
            args.addAll(List.of(command.asText().trim().split("\\s+")));
        } else {
            command.forEach(arg -> args.add(arg.asText()));
        }
        return args;
    }

    /** The value after {@code option} in a service's command. */
    Optional<String> commandOption(String serviceName, String option) {
        List<String> args = command(serviceName);
        int index = args.indexOf(option);
        return index >= 0 && index + 1 < args.size() ? Optional.of(args.get(index + 1)) : Optional.empty();
    }

    /** depends_on as service name to condition; the short list form means service_started. */
    Map<String, String> dependsOn(String serviceName) {
        Map<String, String> dependencies = new LinkedHashMap<>();
        JsonNode dependsOn = service(serviceName).path("depends_on");
        if (dependsOn.isArray()) {
            dependsOn.forEach(name -> dependencies.put(name.asText(), "service_started"));
        } else {
            dependsOn
                    .fields()
                    .forEachRemaining(field -> dependencies.put(
                            field.getKey(), field.getValue().path("condition").asText("service_started")));
        }
        return dependencies;
    }

    /** Container ports a service publishes, from {@code [ip:]host:container[/proto]} entries. */
    List<Integer> publishedContainerPorts(String serviceName) {
        List<Integer> ports = new ArrayList<>();
        for (JsonNode port : service(serviceName).path("ports")) {
            String spec = port.isObject() ? port.path("target").asText() : port.asText();
            String containerPart = spec.substring(spec.lastIndexOf(':') + 1).replaceAll("/.*", "");
            ports.add(Integer.parseInt(containerPart));
        }
        return ports;
    }

    record BindMount(Path hostPath, String containerPath) {}
}
