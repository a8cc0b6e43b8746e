package io.healthstream.scoring;

/** The four unweighted component values of a health score. */
public record Components(double usage, double billing, double support, double nps) {}
