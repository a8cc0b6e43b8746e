package io.healthstream.app;

import io.healthstream.scoring.InvalidSettingException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Static group membership: with a {@code group.instance.id} an instance that restarts within
 * {@code session.timeout.ms} takes its own partitions back without a rebalance, instead of the whole group
 * waiting for the crashed member's session to expire. The id comes from {@code kafka.group.instance.id}, or,
 * with {@code static-membership=true}, from the pod name ({@code POD_NAME}, else {@code HOSTNAME}), which a
 * StatefulSet keeps stable across restarts.
 */
final class StaticMembership {
    static final String KEY = "static-membership";
    static final String INSTANCE_ID_KEY = ConfigKeys.KAFKA_PREFIX + "group.instance.id";
    /** Where a pod's stable name is found, first match wins. */
    static final List<String> POD_NAME_VARIABLES = List.of("POD_NAME", "HOSTNAME");

    private StaticMembership() {}

    /** {@code values} with {@code kafka.group.instance.id} taken from the pod name when static membership asks for it. */
    static Map<String, String> withInstanceId(Map<String, String> values, Map<String, String> environment) {
        if (!"true".equalsIgnoreCase(values.getOrDefault(KEY, "").trim()) || values.containsKey(INSTANCE_ID_KEY)) {
            return values;
        }
        Optional<String> podName = POD_NAME_VARIABLES.stream()
                .map(environment::get)
                .filter(name -> name != null && !name.isBlank())
                .map(String::trim)
                .findFirst();
        Map<String, String> withId = new HashMap<>(values);
        podName.ifPresent(name -> withId.put(INSTANCE_ID_KEY, name));
        return withId;
    }

    /** Whether static membership is on; fails with one line when it is asked for without an id to use. */
    static boolean requireInstanceId(ConfigValues read, Map<String, String> values) {
        boolean on = read.bool(KEY);
        if (on
                && (values.get(INSTANCE_ID_KEY) == null
                        || values.get(INSTANCE_ID_KEY).isBlank())) {
            throw new InvalidSettingException(
                    KEY,
                    "true needs a stable name for this instance: set " + INSTANCE_ID_KEY + ", or run with "
                            + String.join(" or ", POD_NAME_VARIABLES) + " in the environment");
        }
        return on;
    }
}
