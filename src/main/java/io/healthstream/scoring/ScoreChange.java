package io.healthstream.scoring;

/**
 * One component that moved since an account's previous published score: {@code delta} in the component's own
 * (unweighted) points, and the rule or event that moved it ("1 open urgent ticket (-30) (event e-991)").
 */
public record ScoreChange(String component, double delta, String reason) {}
