package io.healthstream.tools.demo;

import java.util.Map;

/**
 * What the demo's output consumer saw: the current band of every scored account, the records of
 * the last interval by kind, and running totals.
 *
 * @param accountsByBand  accounts per band (latest account-health record of each account)
 * @param signals         churn signals of the interval by type
 * @param contractions    contraction alerts of the interval by kind
 * @param expansions      expansion opportunities of the interval by reason
 * @param followUps       NPS follow-ups of the interval by category
 * @param signalsSoFar    churn signals since the start by type
 * @param recordsOut      output records of the interval, all topics
 * @param deadLetters     records on the dead-letter topic since the start
 */
public record DemoSnapshot(
        Map<String, Long> accountsByBand,
        Map<String, Long> signals,
        Map<String, Long> contractions,
        Map<String, Long> expansions,
        Map<String, Long> followUps,
        Map<String, Long> signalsSoFar,
        long recordsOut,
        long deadLetters) {}
