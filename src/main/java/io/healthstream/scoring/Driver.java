package io.healthstream.scoring;

/** One reason behind a score: {@code points} is its effect on the final (weighted) score. */
public record Driver(String component, String message, double points) {}
