package org.wormsign.simulate;

/**
 * The whole population's epidemic, minute by minute from {@link Utc#MODEL_START}: what epidemic.csv reports
 * by hour, and what the tests compare with the CAIDA account. Every array is indexed by model minute; counts
 * are taken at the end of the minute.
 */
final class EpidemicCurve {
    final long start;
    final int minutes;
    /** Infections that minute (a host infected again after a reboot counts again). */
    final int[] newInfections;
    /** Hosts running Code Red I or II (in any phase). */
    final int[] infected;
    final int[] infectedCodeRedII;
    final int[] patched;
    /** Hosts probing (in a propagation window), by variant and by whether their clock is right. */
    final int[] probingCodeRedI, probingCodeRedIWrongClock, probingCodeRedII, probingCodeRedIIWrongClock;

    EpidemicCurve(long start, int minutes) {
        this.start = start;
        this.minutes = minutes;
        newInfections = new int[minutes];
        infected = new int[minutes];
        infectedCodeRedII = new int[minutes];
        patched = new int[minutes];
        probingCodeRedI = new int[minutes];
        probingCodeRedIWrongClock = new int[minutes];
        probingCodeRedII = new int[minutes];
        probingCodeRedIIWrongClock = new int[minutes];
    }

    long second(int minute) { return start + 60L * minute; }

    /** The model minute holding a UTC second. */
    int minute(long second) { return (int) Math.floorDiv(second - start, 60); }

    /** Hosts infected at an instant (the end of the minute before it). */
    int infectedAt(long second) {
        int m = minute(second) - 1;
        return m < 0 ? 0 : infected[Math.min(m, minutes - 1)];
    }

    /** The most infections in any one minute. */
    int peakNewInfectionsPerMinute() {
        int max = 0;
        for (int v : newInfections) max = Math.max(max, v);
        return max;
    }
}
