package org.wormsign.simulate;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The vulnerable IIS hosts, one array slot each: address, network, language, clock, patch time, and whether
 * the address is dynamic (DHCP). Everything is fixed when the population is drawn; what changes during the
 * epidemic (who is infected) lives in {@link Epidemic}.
 */
final class Population {
    static final byte CHINESE = 1, DYNAMIC = 2, WRONG_CLOCK = 4;

    final int size;
    final Networks networks;
    /** The address each host has at the start (its only one unless dynamic). */
    final int[] address;
    final int[] network;
    final byte[] flags;
    /** Seconds the host's clock is ahead of UTC (0 for a correct clock). */
    final int[] clockOffset;
    /** When the host is patched (MS01-033 plus the reboot it needs), on a whole model minute; MAX_VALUE: never in range. */
    final long[] patchSecond;
    private final long leaseSeed;
    private final double meanLeaseSeconds;
    private final Set<Integer> reserved;

    private Population(int size, Networks networks, long leaseSeed, double meanLeaseSeconds, Set<Integer> reserved) {
        this.size = size;
        this.networks = networks;
        this.address = new int[size];
        this.network = new int[size];
        this.flags = new byte[size];
        this.clockOffset = new int[size];
        this.patchSecond = new long[size];
        this.leaseSeed = leaseSeed;
        this.meanLeaseSeconds = meanLeaseSeconds;
        this.reserved = reserved;
    }

    /**
     * Draws {@code size} hosts. {@code reserved} are the monitored servers' addresses, which no host takes,
     * not even through DHCP.
     */
    static Population generate(EpidemicParameters p, int size, Networks networks, Set<Integer> reserved, SplittableRandom r) {
        Population pop = new Population(size, networks, r.nextLong(), p.meanLeaseDays() * Utc.DAY, Set.copyOf(reserved));
        Set<Integer> taken = new HashSet<>(reserved);
        for (int h = 0; h < size; h++) {
            int net = networks.pick(r);
            int a;
            do {
                a = networks.randomAddress(net, r);
            } while (!taken.add(a));
            pop.address[h] = a;
            pop.network[h] = net;
            byte f = 0;
            if (networks.country(net).chineseLanguage) f |= CHINESE;
            if (r.nextDouble() < p.dynamicAddressFraction()) f |= DYNAMIC;
            if (r.nextDouble() < p.wrongClockFraction()) {
                f |= WRONG_CLOCK;
                pop.clockOffset[h] = wrongClockOffset(r);
            }
            pop.flags[h] = f;
            long patch = p.patchFrom() + (long) Draws.exponential(r, p.meanDaysToPatch() * Utc.DAY);
            pop.patchSecond[h] = patch - Math.floorMod(patch - Utc.MODEL_START, 60);
        }
        return pop;
    }

    /**
     * A wrong clock: half are set to local time as if it were UTC (whole hours either way); the rest are days
     * off (a flat CMOS battery, a mistyped date), some behind and some ahead.
     */
    private static int wrongClockOffset(SplittableRandom r) {
        if (r.nextDouble() < 0.5) {
            int hours = r.nextInt(-12, 14);
            return (hours >= 0 ? hours + 1 : hours) * 3600 + r.nextInt(-300, 300);
        }
        int days = 1 + r.nextInt(15);
        int sign = r.nextBoolean() ? 1 : -1;
        return sign * (days * 86_400 + r.nextInt(86_400));
    }

    boolean chinese(int h) { return (flags[h] & CHINESE) != 0; }

    boolean dynamic(int h) { return (flags[h] & DYNAMIC) != 0; }

    boolean wrongClock(int h) { return (flags[h] & WRONG_CLOCK) != 0; }

    /**
     * The address a host has at a given second. A dynamic host gets a new lease about every
     * {@code meanLeaseDays} (lease k starts at a random moment of the k-th such period since the model's
     * start), each an address of its ISP's /16: DHCP churn, one host under several addresses in the logs. Each
     * lease is recomputed from the host's own stream, so the answer needs no state and does not depend on the
     * order of the questions.
     */
    int addressAt(int h, long second) {
        if (!dynamic(h)) return address[h];
        return leaseAddress(h, leaseAt(h, second));
    }

    /** The lease a dynamic host has at a second: 0 (its first address) until lease 1 starts. */
    long leaseAt(int h, long second) {
        long period = (long) meanLeaseSeconds;
        long k = Math.floorDiv(second - Utc.MODEL_START, period);
        if (k >= 1 && second < leaseStart(h, k)) k--;
        return Math.max(0, k);
    }

    /** The address of a dynamic host's lease k (k = 0: the address it starts with). */
    int leaseAddress(int h, long k) {
        if (k < 1) return address[h];
        SplittableRandom r = new SplittableRandom(Draws.mix(leaseSeed, h, 2 * k + 1));
        int a;
        do {
            a = networks.randomAddress(network[h], r);
        } while (reserved.contains(a));
        return a;
    }

    /**
     * When a dynamic host's lease k (k at least 1) starts: a random second of the k-th period of
     * {@code meanLeaseDays} since the model's start, so leases start in order and each lasts until the next.
     */
    long leaseStart(int h, long k) {
        long period = (long) meanLeaseSeconds;
        return Utc.MODEL_START + k * period + (long) (new SplittableRandom(Draws.mix(leaseSeed, h, 2 * k)).nextDouble() * period);
    }
}
