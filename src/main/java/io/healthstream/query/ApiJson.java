package io.healthstream.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/**
 * The one JSON convention of everything healthstream renders: the Avro contracts' snake_case field names
 * ({@code account_id}, {@code touch_tier}), as {@code replay} and the output topics write them. The API
 * writes its views with it and reads other instances' answers with it.
 */
public final class ApiJson {
    /** Configured once here and never changed: Jackson's mapper is thread-safe once configured. */
    public static final ObjectMapper MAPPER =
            new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private ApiJson() {}
}
