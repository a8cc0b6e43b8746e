package io.healthstream.scoring;

/** Support ticket priorities. */
public enum Priority {
    LOW,
    NORMAL,
    HIGH,
    URGENT
}
