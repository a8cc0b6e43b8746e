package io.healthstream.scoring;

/** A configuration value the model cannot run with; the message names the key. */
public final class InvalidSettingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final String problem;

    public InvalidSettingException(String key, String problem) {
        super("invalid setting '" + key + "': " + problem);
        this.key = key;
        this.problem = problem;
    }

    public String key() {
        return key;
    }

    /** What is wrong, without the key. */
    public String problem() {
        return problem;
    }
}
