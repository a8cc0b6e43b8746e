package io.healthstream.scoring;

/** A configuration value the model cannot run with; the message names the key. */
public final class InvalidSettingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public InvalidSettingException(String key, String problem) {
        super("invalid setting '" + key + "': " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
