package io.healthstream.serde;

/**
 * A schema registry refused or failed a request. Carries the HTTP status and the Confluent
 * {@code error_code}, so callers (and the embedded server) can tell "not found" from "incompatible".
 */
public final class SchemaRegistryException extends RuntimeException {
    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int INVALID_SCHEMA = 42201;
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
    public static final int INTERNAL_ERROR = 50001;
    /** Error code used when the registry could not be reached or answered without a Confluent error body. */
    public static final int NO_ERROR_CODE = -1;

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(int httpStatus, int errorCode, String message) {
        this(httpStatus, errorCode, message, null);
    }

    public SchemaRegistryException(int httpStatus, int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    static SchemaRegistryException subjectNotFound(String subject) {
        return new SchemaRegistryException(404, SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }

    static SchemaRegistryException versionNotFound(String subject, String version) {
        return new SchemaRegistryException(
                404, VERSION_NOT_FOUND, "Version " + version + " not found for subject '" + subject + "'.");
    }

    public static SchemaRegistryException schemaNotFound(String detail) {
        return new SchemaRegistryException(404, SCHEMA_NOT_FOUND, "Schema not found: " + detail);
    }

    static SchemaRegistryException incompatible(String detail) {
        return new SchemaRegistryException(
                409, INCOMPATIBLE_SCHEMA, "Schema being registered is incompatible with an earlier schema: " + detail);
    }

    public static SchemaRegistryException invalidSchema(String detail) {
        return new SchemaRegistryException(422, INVALID_SCHEMA, "Invalid schema: " + detail);
    }

    /**
     * Whether {@code failure} or one of its causes is the registry being unreachable or failing: the data
     * is not at fault, so the record must be retried, never dead-lettered.
     */
    public static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SchemaRegistryException registryError && registryError.isUnavailable()) {
                return true;
            }
        }
        return false;
    }

    /** True when the registry could not be reached or failed (5xx): a retry may succeed, the data is not at fault. */
    public boolean isUnavailable() {
        return httpStatus() == 0 || httpStatus() >= 500;
    }

    /** HTTP status of the failed request, or 0 when no HTTP response was received. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Confluent {@code error_code} of the failure, or {@link #NO_ERROR_CODE}. */
    public int errorCode() {
        return errorCode;
    }

    /** True for "no such subject, version or schema" answers. */
    public boolean isNotFound() {
        return errorCode == SUBJECT_NOT_FOUND || errorCode == VERSION_NOT_FOUND || errorCode == SCHEMA_NOT_FOUND;
    }
}
