package io.healthstream.scoring;

/** A named group of accounts scored with a model of its own: the base model with some keys overridden. */
public record Segment(String name, SegmentMatch match, ModelConfig model) {}
