package org.wormsign.simulate;

import java.util.SplittableRandom;

/**
 * Where the vulnerable hosts live: /16 networks with a country and a weight. Infected hosts were 43 % in the
 * US, 11 % Korea, 5 % China, 4 % Taiwan, mostly home and small-business machines (CAIDA), so hosts cluster in
 * ISP networks; a heavy-tailed weight gives a few dense cable and DSL networks among many sparse ones. That
 * clustering is what makes Code Red II's local targeting visible in a server's log.
 *
 * <p>The /8 blocks are those the regional registries had handed to each region by 2001; a /16 is drawn at
 * random inside them, so two networks may share one (more hosts in it).
 */
final class Networks {
    enum Country {
        US(0.43, false, 4, 12, 24, 63, 64, 65, 66, 67, 68, 128, 129, 130, 131, 132, 134, 135, 136, 137, 138, 140,
                141, 142, 143, 144, 146, 147, 148, 149, 152, 155, 156, 157, 158, 159, 160, 161, 162, 164, 165, 166,
                167, 168, 169, 170, 172, 198, 199, 204, 205, 206, 207, 208, 209, 216),
        KR(0.11, false, 61, 203, 210, 211, 218),
        CN(0.05, true, 61, 202, 210, 211, 218),
        TW(0.04, true, 61, 139, 140, 163, 203, 210, 211),
        OTHER(0.37, false, 62, 80, 129, 130, 141, 192, 193, 194, 195, 196, 200, 202, 203, 212, 213, 217);

        final double share;
        /** Code Red II runs 600 threads for 48 hours on a Chinese-language system (Taiwan or PRC). */
        final boolean chineseLanguage;
        final int[] slash8s;

        Country(double share, boolean chineseLanguage, int... slash8s) {
            this.share = share;
            this.chineseLanguage = chineseLanguage;
            this.slash8s = slash8s;
        }
    }

    /** Average hosts per network at full scale; the Pareto weights spread them from one to hundreds. */
    static final int HOSTS_PER_NETWORK = 12;
    private static final double PARETO_ALPHA = 1.2;
    /** The densest network holds about 100 times the hosts of a typical one (a large cable ISP). */
    private static final double MAX_WEIGHT = 100;

    private final int[] prefix16;
    private final Country[] country;
    private final double[] cumulativeWeight;
    private final boolean[] populated16 = new boolean[1 << 16];

    private Networks(int[] prefix16, Country[] country, double[] cumulativeWeight) {
        this.prefix16 = prefix16;
        this.country = country;
        this.cumulativeWeight = cumulativeWeight;
        for (int p : prefix16) populated16[p] = true;
    }

    /** Networks for the full population (independent of --scale, so a smaller run samples the same Internet). */
    static Networks generate(SplittableRandom r, int fullPopulation) {
        int n = Math.max(1, fullPopulation / HOSTS_PER_NETWORK);
        int[] prefix = new int[n];
        Country[] country = new Country[n];
        double[] cumulative = new double[n];
        Country[] all = Country.values();
        double total = 0;
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble(), acc = 0;
            Country c = all[all.length - 1];
            for (Country k : all) {
                acc += k.share;
                if (u < acc) { c = k; break; }
            }
            int slash8 = c.slash8s[r.nextInt(c.slash8s.length)];
            prefix[i] = slash8 << 8 | r.nextInt(256);
            country[i] = c;
            total += Math.min(MAX_WEIGHT, StrictMath.pow(1 - r.nextDouble(), -1 / PARETO_ALPHA));
            cumulative[i] = total;
        }
        return new Networks(prefix, country, cumulative);
    }

    int size() { return prefix16.length; }

    /** A network drawn by weight. */
    int pick(SplittableRandom r) {
        double x = r.nextDouble() * cumulativeWeight[cumulativeWeight.length - 1];
        int lo = 0, hi = cumulativeWeight.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulativeWeight[mid] > x) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    int prefix16(int network) { return prefix16[network]; }

    Country country(int network) { return country[network]; }

    boolean populated(int address) { return populated16[address >>> 16]; }

    /** A random address in a network's /16 (never .0 or .255 in the last octet). */
    int randomAddress(int network, SplittableRandom r) {
        return prefix16[network] << 16 | r.nextInt(256) << 8 | 1 + r.nextInt(254);
    }
}
