package io.healthstream.tools.generator;

/**
 * A plan of the demo catalog.
 *
 * @param name          plan name as it appears in subscription events
 * @param pricePerSeat  monthly price of one seat, minor units
 * @param expectedUsage usage value a healthy account on the plan reaches over 30 days
 *                      ({@code usage.expected.plan.<name>})
 * @param typicalSeats  seats a new account of the plan starts with, give or take
 */
public record Plan(String name, long pricePerSeat, double expectedUsage, int typicalSeats) {}
