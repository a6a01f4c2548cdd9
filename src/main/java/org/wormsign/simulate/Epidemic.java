package org.wormsign.simulate;

import java.util.SplittableRandom;

/**
 * The Code Red epidemic, a host-level event model stepped by the minute. Each minute: scheduled events
 * (reboots, patches, v1 reaching a host on its list), then new infections. The random-scanning worms (v2,
 * Code Red II) infect as a mean field: a susceptible host is hit with the chance that the probing hosts'
 * random targets give it. v1 follows its static scan ({@link StaticSeedSequence}): a host on the list is
 * infected when a v1 host's scan reaches its position.
 *
 * <p>Neither worm looks for the other, so a host can run Code Red I and Code Red II at once. The model keeps
 * the two apart: Code Red II's reboot (after 24 or 48 hours) ends Code Red II, not Code Red I. In a mean
 * field the real coupling would have Code Red II reboot every Code Red I host while it sleeps (days 20-31),
 * and Code Red I would be gone by September; the logs of the time say otherwise, since Code Red II's local
 * targeting kept it in some networks and out of others. A patch (which needs a reboot) ends both. An
 * infection is planned when it happens (its end, its probing windows by the host's own clock,
 * {@link WormClock}) and settled when it ends, which is when its probes at the monitored servers are drawn:
 * a Poisson count over the windows, with Code Red II's locality.
 */
final class Epidemic {
    /** Host state bits. */
    private static final byte RUNS_I = 1, V1 = 2, RUNS_II = 4, PATCHED = 8;
    private static final int LAYER_I = 0, LAYER_II = 1;

    /** Code Red II spreads for 24 hours after infection, 48 on a Chinese-language system, then reboots. */
    static final long CODE_RED_II_LIFETIME = 24 * Utc.HOUR;

    private final EpidemicParameters p;
    private final Population pop;
    private final Monitor[] monitors;
    private final ProbeLog[] logs;
    private final ProbeLog.Sources sources;
    private final SplittableRandom rng;
    private final double scale;
    private final long start;
    private final int minutes;
    private final EpidemicCurve curve;
    private final MinuteQueue queue;

    // Per host, packed so that a host's data sits together in memory: the model jumps between random hosts
    // millions of times, and a cache miss costs more than the rest of the work.
    /** address << 32 | clock offset in seconds; patch second (from the model's start) << 32 | population flags. */
    private final long[] fixed;
    /** State bits | serial of the Code Red I infection << 8 | serial of the Code Red II infection << 20. */
    private final int[] status;
    /** Per layer (Code Red I, Code Red II): start << 32 | planned end, in seconds from the model's start. */
    private final long[][] span = new long[2][];
    /** Unpatched hosts not running Code Red I, and not running Code Red II: who each worm can infect. */
    private final IndexedSet openToI, openToII;

    /** Probing v2 hosts, and probing Code Red II hosts weighted by threads (1, or 2 for 600 threads). */
    private int forceV2, forceII;
    private final int[] dForceV2, dForceII;
    private final int[] dProbingI, dProbingIWrong, dProbingII, dProbingIIWrong;
    private int infectedNow, infectedIINow, patchedNow;
    private int currentMinute;

    /** Probes per second of a Code Red I host (and the unit of Code Red II's rate). */
    private final double probesPerSecond;
    /** Hosts on v1's scan, by position. */
    private final long[] victimIndex;
    private final int[] victimHost;
    private final long[] windows = new long[64];
    private final double[] chance;

    private Epidemic(EpidemicParameters p, Population pop, Monitor[] monitors, double scale, long end, SplittableRandom rng,
                     ProbeLog.Sources sources) {
        this.p = p;
        this.sources = sources;
        this.pop = pop;
        this.monitors = monitors;
        this.rng = rng;
        this.scale = scale;
        this.start = Utc.MODEL_START;
        this.minutes = (int) ((end - start) / 60);
        this.curve = new EpidemicCurve(start, minutes);
        this.logs = new ProbeLog[monitors.length];
        for (int i = 0; i < logs.length; i++) logs[i] = new ProbeLog();
        int n = pop.size;
        fixed = new long[2 * n];
        status = new int[n];
        span[LAYER_I] = new long[n];
        span[LAYER_II] = new long[n];
        for (int h = 0; h < n; h++) {
            fixed[2 * h] = (long) pop.address[h] << 32 | Integer.toUnsignedLong(pop.clockOffset[h]);
            long patch = Math.min(Integer.MAX_VALUE, pop.patchSecond[h] - start);
            fixed[2 * h + 1] = patch << 32 | pop.flags[h] & 0xFF;
        }
        openToI = new IndexedSet(n);
        openToII = new IndexedSet(n);
        queue = new MinuteQueue(minutes);
        dForceV2 = new int[minutes];
        dForceII = new int[minutes];
        dProbingI = new int[minutes];
        dProbingIWrong = new int[minutes];
        dProbingII = new int[minutes];
        dProbingIIWrong = new int[minutes];
        probesPerSecond = p.probesPerMinute() / 60;
        chance = new double[monitors.length];

        long reach = (long) (probesPerSecond * (end - start)) + 1;
        LongList onList = new LongList();
        for (int h = 0; h < n; h++) {
            // A dynamic host leaves the list with its next lease: v1's victims are the static hosts on it.
            if (pop.dynamic(h)) continue;
            long index = StaticSeedSequence.indexOf(pop.address[h]);
            if (index < reach) onList.add(index << 31 | h);
        }
        onList.sort();
        victimIndex = new long[onList.size()];
        victimHost = new int[onList.size()];
        for (int i = 0; i < onList.size(); i++) {
            victimIndex[i] = onList.get(i) >>> 31;
            victimHost[i] = (int) (onList.get(i) & 0x7FFF_FFFF);
        }
    }

    /** The result: the population's curve and, per monitor (in the given order), the probes that reach it. */
    record Result(EpidemicCurve curve, ProbeLog[] logs) {}

    /**
     * Runs the epidemic from 12 July 2001 to {@code end} (exclusive, on a whole minute); {@code sources} gives
     * what each probe records as its source.
     */
    static Result run(EpidemicParameters p, Population pop, Monitor[] monitors, double scale, long end, SplittableRandom rng,
                      ProbeLog.Sources sources) {
        if (pop.size >= 1 << 26) throw new IllegalArgumentException("population too large: " + pop.size);
        Epidemic e = new Epidemic(p, pop, monitors, scale, end, rng, sources);
        e.simulate();
        return new Result(e.curve, e.logs);
    }

    private void simulate() {
        for (int h = 0; h < pop.size; h++) {
            openToI.add(h);
            openToII.add(h);
            long patch = patchSecond(h);
            if (patch < curve.second(minutes)) queue.add(minuteOf(patch), MinuteQueue.event(MinuteQueue.PATCH, h, 0, 0));
        }
        double perMinute = p.growthPerHour() / 60;
        double perMinuteII = perMinute * p.codeRedIIThreads() * p.codeRedIIReach();
        int v1Minute = minuteOf(p.codeRedIStart());
        int v2Seeds = seeds(p.codeRedIV2Seeds());
        int v2Minute = minuteOf(p.codeRedIV2Start()) + seedDelay(p.codeRedIV2Seeds(), v2Seeds, perMinute);
        int iiSeeds = seeds(p.codeRedIISeeds());
        int iiMinute = minuteOf(p.codeRedIIStart()) + seedDelay(p.codeRedIISeeds(), iiSeeds, perMinuteII);

        for (int m = 0; m < minutes; m++) {
            currentMinute = m;
            forceV2 += dForceV2[m];
            forceII += dForceII[m];
            for (int i = 0; i < queue.size(m); i++) handle(queue.get(m, i), m);
            queue.release(m);

            if (m == v1Minute) seed(false, true, 1, m);
            if (m == v2Minute) seed(false, false, v2Seeds, m);
            if (m == iiMinute) seed(true, false, iiSeeds, m);

            if (forceV2 > 0 && openToI.size() > 0) {
                long k = Draws.poisson(rng, perMinute * forceV2 * openToI.size() / pop.size);
                for (long i = 0; i < k && openToI.size() > 0; i++) infectI(openToI.random(rng), false, m);
            }
            if (forceII > 0 && openToII.size() > 0) {
                long k = Draws.poisson(rng, perMinuteII * forceII * openToII.size() / pop.size);
                for (long i = 0; i < k && openToII.size() > 0; i++) infectII(openToII.random(rng), m);
            }
            curve.infected[m] = infectedNow;
            curve.infectedCodeRedII[m] = infectedIINow;
            curve.patched[m] = patchedNow;
        }
        // Infections still running at the end: settle them as planned (probes past the end are not written).
        for (int h = 0; h < pop.size; h++) {
            if ((state(h) & RUNS_I) != 0) settle(h, LAYER_I, until(h, LAYER_I));
            if ((state(h) & RUNS_II) != 0) settle(h, LAYER_II, until(h, LAYER_II));
        }
        prefixSum(dProbingI, curve.probingCodeRedI);
        prefixSum(dProbingIWrong, curve.probingCodeRedIWrongClock);
        prefixSum(dProbingII, curve.probingCodeRedII);
        prefixSum(dProbingIIWrong, curve.probingCodeRedIIWrongClock);
        for (ProbeLog log : logs) log.sort();
    }

    /** Seed hosts at full scale times the scale, at least one. */
    private int seeds(int nominal) {
        return (int) Math.max(1, Math.round(nominal * scale));
    }

    /**
     * When a small run must start from more hosts than its share (one instead of 0.1), it starts later by the
     * time the epidemic needs to grow by that ratio, so the curve keeps its place in time.
     */
    private int seedDelay(int nominal, int actual, double ratePerMinute) {
        return (int) Math.max(0, Math.round(StrictMath.log(actual / (nominal * scale)) / ratePerMinute));
    }

    private void seed(boolean codeRedII, boolean v1, int count, int m) {
        IndexedSet open = codeRedII ? openToII : openToI;
        for (int i = 0; i < count && open.size() > 0; i++) {
            int h = open.random(rng);
            if (codeRedII) infectII(h, m); else infectI(h, v1, m);
        }
    }

    private void handle(long event, int m) {
        int h = MinuteQueue.host(event);
        switch (MinuteQueue.type(event)) {
            case MinuteQueue.END: {
                int layer = MinuteQueue.position(event);
                if (!runs(h, layer) || serial(h, layer) != MinuteQueue.serial(event)) return;
                end(h, layer, until(h, layer));
                return;
            }
            case MinuteQueue.PATCH:
                if (state(h) != 0) return;
                openToI.remove(h);
                openToII.remove(h);
                setState(h, PATCHED);
                patchedNow++;
                return;
            default: {
                if ((state(h) & (RUNS_I | V1)) != (RUNS_I | V1) || serial(h, LAYER_I) != MinuteQueue.serial(event)) return;
                int position = MinuteQueue.position(event);
                int victim = victimHost[position];
                if ((state(victim) & (RUNS_I | PATCHED)) == 0) infectI(victim, true, m);
                scheduleNextHit(h, position + 1, m);
            }
        }
    }

    private boolean runs(int h, int layer) {
        return (state(h) & (layer == LAYER_I ? RUNS_I : RUNS_II)) != 0;
    }

    /**
     * A layer's infection ends at {@code t} (the host restarts): its probes are drawn and the host is open to
     * that worm again, or patched if its patch is due, or if Code Red II's reboot made its owner patch. The
     * other worm, if the host runs it too, is left running: see the class comment.
     */
    private void end(int h, int layer, long t) {
        settle(h, layer, t);
        if ((state(h) & (RUNS_I | RUNS_II)) == 0) infectedNow--;
        boolean patch = patchSecond(h) <= t || layer == LAYER_II && rng.nextDouble() < p.patchAfterCodeRedII();
        if (patch) {
            // Patching needs a reboot, which clears the other worm too.
            for (int other = LAYER_I; other <= LAYER_II; other++) {
                if (!runs(h, other)) continue;
                withdraw(h, other, t);
                settle(h, other, t);
                infectedNow--;
            }
            setState(h, PATCHED);
            patchedNow++;
            if (openToI.contains(h)) openToI.remove(h);
            if (openToII.contains(h)) openToII.remove(h);
        } else {
            (layer == LAYER_I ? openToI : openToII).add(h);
        }
    }

    private void withdraw(int h, int layer, long t) {
        plan(h, layer, t, until(h, layer), -1, currentMinute);
    }

    private void infectI(int h, boolean v1, int m) {
        long second = curve.second(m) + rng.nextInt(60);
        long end = Math.min(second + (long) Draws.exponential(rng, p.meanUptimeDays() * Utc.DAY), patchSecond(h));
        openToI.remove(h);
        if (state(h) == 0) infectedNow++;
        setState(h, state(h) | RUNS_I | (v1 ? V1 : 0));
        begin(h, LAYER_I, second, end, m);
        if (v1) scheduleNextHit(h, 0, m);
    }

    private void infectII(int h, int m) {
        long second = curve.second(m) + rng.nextInt(60);
        // Code Red II started on a host whose clock reads October 2001 or later reboots it at once.
        if (WormClock.codeRedIIStopped(second, offset(h))) return;
        long life = (flag(h, Population.CHINESE) ? 2 : 1) * CODE_RED_II_LIFETIME;
        long end = Math.min(second + life, patchSecond(h));
        openToII.remove(h);
        if (state(h) == 0) infectedNow++;
        setState(h, state(h) | RUNS_II);
        infectedIINow++;
        begin(h, LAYER_II, second, end, m);
    }

    private void begin(int h, int layer, long second, long end, int m) {
        nextSerial(h, layer);
        span[layer][h] = (second - start) << 32 | (end - start);
        plan(h, layer, second, end, 1, m);
        curve.newInfections[m]++;
        int em = Math.max(minuteOf(end), m + 1);
        if (em < minutes) queue.add(em, MinuteQueue.event(MinuteQueue.END, h, serial(h, layer), layer));
    }

    /**
     * Adds (sign 1) or withdraws (sign -1) a layer's probing over [from, to) in the minute counts and in the
     * force of infection. Withdrawing [t, end) after adding [start, end) leaves exactly [start, t): windows
     * are cut at the same calendar boundaries whatever their start.
     */
    private void plan(int h, int layer, long from, long to, int sign, int m) {
        int n = windows(h, layer, from, to);
        boolean wrong = flag(h, Population.WRONG_CLOCK);
        boolean v2 = layer == LAYER_I && (state(h) & V1) == 0;
        int weight = sign * (layer == LAYER_II && flag(h, Population.CHINESE) ? 2 : 1);
        for (int i = 0; i < n; i++) {
            int ma = minuteOf(windows[2 * i]), mb = minuteOf(windows[2 * i + 1]);
            if (mb <= ma || ma >= minutes) continue;
            if (layer == LAYER_II) {
                window(wrong ? dProbingIIWrong : dProbingII, ma, mb, sign);
                if (ma <= m) forceII += weight; else dForceII[ma] += weight;
                if (mb < minutes) dForceII[mb] -= weight;
            } else {
                window(wrong ? dProbingIWrong : dProbingI, ma, mb, sign);
                if (v2) {
                    if (ma <= m) forceV2 += weight; else dForceV2[ma] += weight;
                    if (mb < minutes) dForceV2[mb] -= weight;
                }
            }
        }
    }

    private int windows(int h, int layer, long from, long to) {
        long offset = offset(h);
        return layer == LAYER_II ? WormClock.codeRedII(from, to, offset, windows)
                : WormClock.codeRedI(from, to, offset, windows);
    }

    /** A layer's infection has ended at {@code end}: draws its probes at the monitored servers and clears it. */
    private void settle(int h, int layer, long end) {
        boolean v1 = layer == LAYER_I && (state(h) & V1) != 0;
        if (layer == LAYER_II) {
            setState(h, state(h) & ~RUNS_II);
            infectedIINow--;
        } else {
            setState(h, state(h) & ~(RUNS_I | V1));
        }
        int n = windows(h, layer, since(h, layer), end);
        long total = 0;
        for (int i = 0; i < n; i++) total += windows[2 * i + 1] - windows[2 * i];
        if (total <= 0) return;
        boolean wrong = flag(h, Population.WRONG_CLOCK);
        if (v1) {
            // v1 reaches position k of its list after k probes, every time.
            double reach = total * probesPerSecond;
            for (int j = 0; j < monitors.length; j++) {
                long k = monitors[j].sequenceIndex();
                if (k < reach) {
                    long s = at(k / probesPerSecond, n);
                    logs[j].add(s, ProbeLog.CODE_RED, wrong, sources.of(h, s));
                }
            }
            return;
        }
        randomProbes(h, layer == LAYER_II, n, total, wrong);
    }

    /** Schedules the v1 host's scan reaching the next host on its list (from list position {@code from}). */
    private void scheduleNextHit(int h, int from, int m) {
        int position = from;
        if (position < victimHost.length && victimHost[position] == h) position++;
        if (position >= victimHost.length) return;
        int n = windows(h, LAYER_I, since(h, LAYER_I), until(h, LAYER_I));
        double probingSeconds = victimIndex[position] / probesPerSecond;
        long total = 0;
        for (int i = 0; i < n; i++) total += windows[2 * i + 1] - windows[2 * i];
        if (probingSeconds >= total) return;
        int hm = Math.max(minuteOf(at(probingSeconds, n)), m + 1);
        if (hm < minutes) queue.add(hm, MinuteQueue.event(MinuteQueue.V1_HIT, h, serial(h, LAYER_I), position));
    }

    /**
     * Probes of a random-scanning host at each monitor: Poisson over its probing time with the chance that one
     * probe targets the monitor's address. Code Red II picks 1/8 of targets anywhere, 1/2 in its own /8 and 3/8
     * in its own /16 (DOMAIN.md), so a monitor in its network is hit thousands of times more often.
     */
    private void randomProbes(int h, boolean codeRedII, int n, long total, boolean wrong) {
        double rate = probesPerSecond * total;
        int source = address(h);
        double threads = codeRedII ? p.codeRedIIThreads() * (flag(h, Population.CHINESE) ? 2 : 1) : 1;
        double sum = 0;
        for (int j = 0; j < monitors.length; j++) {
            double c;
            if (codeRedII) {
                int target = monitors[j].address();
                c = 0.125 / EpidemicParameters.ADDRESS_SPACE;
                if (source >>> 24 == target >>> 24) c += 0.5 / (1 << 24);
                if (source >>> 16 == target >>> 16) c += 0.375 / (1 << 16);
            } else {
                c = 1 / EpidemicParameters.ADDRESS_SPACE;
            }
            chance[j] = rate * threads * c;
            sum += chance[j];
        }
        long k = Draws.poisson(rng, sum);
        int kind = codeRedII ? ProbeLog.CODE_RED_II : ProbeLog.CODE_RED;
        for (long i = 0; i < k; i++) {
            double u = rng.nextDouble() * sum;
            int j = 0;
            while (j < monitors.length - 1 && u >= chance[j]) u -= chance[j++];
            long s = at(rng.nextDouble() * total, n);
            logs[j].add(s, kind, wrong, sources.of(h, s));
        }
    }

    /** The real second {@code position} seconds into the probing windows. */
    private long at(double position, int n) {
        long pos = (long) position;
        for (int i = 0; i < n; i++) {
            long len = windows[2 * i + 1] - windows[2 * i];
            if (pos < len) return windows[2 * i] + pos;
            pos -= len;
        }
        return windows[2 * n - 1] - 1;
    }

    private void window(int[] delta, int from, int to, int w) {
        delta[from] += w;
        if (to < minutes) delta[to] -= w;
    }

    private int minuteOf(long second) {
        return (int) Math.floorDiv(second - start, 60);
    }

    private int state(int h) { return status[h] & 0xFF; }

    private void setState(int h, int bits) { status[h] = status[h] & ~0xFF | bits; }

    private int serial(int h, int layer) { return status[h] >>> (layer == LAYER_I ? 8 : 20) & 0xFFF; }

    private void nextSerial(int h, int layer) {
        int shift = layer == LAYER_I ? 8 : 20;
        status[h] = status[h] & ~(0xFFF << shift) | (serial(h, layer) + 1 & 0xFFF) << shift;
    }

    private int address(int h) { return (int) (fixed[2 * h] >>> 32); }

    private long offset(int h) { return (int) fixed[2 * h]; }

    private long patchSecond(int h) { return start + (fixed[2 * h + 1] >>> 32); }

    private boolean flag(int h, byte f) { return (fixed[2 * h + 1] & f) != 0; }

    private long since(int h, int layer) { return start + (span[layer][h] >>> 32); }

    private long until(int h, int layer) { return start + (span[layer][h] & 0xFFFF_FFFFL); }

    private static void prefixSum(int[] delta, int[] out) {
        int run = 0;
        for (int i = 0; i < delta.length; i++) out[i] = run += delta[i];
    }
}
