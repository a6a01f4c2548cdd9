package org.wormsign.simulate;

/**
 * A monitored server: a kind at an address. {@code sequenceIndex} is the address's position in Code Red I
 * v1's static scan ({@link StaticSeedSequence}): every v1 host reaches it after that many probes.
 */
record Monitor(String name, ServerKind kind, int address, long sequenceIndex) {}
