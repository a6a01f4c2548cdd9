package org.wormsign.simulate;

import java.util.SplittableRandom;

/**
 * Nimda's probes at the monitored servers, from 18 September 2001: not Code Red, so not in the truth, but in
 * every real log of the time, where an analyzer must tell them apart. Each Nimda host sends its 16 requests
 * to a target in a few seconds; it picks targets half in its own /16, a quarter in its own /8 and a quarter
 * anywhere (the published analyses of Nimda), so, like Code Red II, it hammers its neighbours. How many hosts
 * send Nimda rises as a logistic over the first hours.
 */
final class NimdaProbes {
    private NimdaProbes() {}

    private static final double RISE_HOURS = 1.0, MIDPOINT_HOURS = 6.0;

    static void add(EpidemicParameters p, Population pop, Monitor[] monitors, ProbeLog[] logs, long end, SplittableRandom rng,
                    ProbeLog.Sources sources) {
        if (p.nimdaStart() >= end) return;
        for (int j = 0; j < monitors.length; j++) {
            int target = monitors[j].address();
            IntList same16 = new IntList(), same8 = new IntList();
            for (int h = 0; h < pop.size; h++) {
                int a = pop.address[h];
                if (a >>> 24 != target >>> 24) continue;
                same8.add(h);
                if (a >>> 16 == target >>> 16) same16.add(h);
            }
            // Chance per probe that a host of each class targets this address.
            double anywhere = 0.25 / EpidemicParameters.ADDRESS_SPACE;
            double in8 = 0.25 / (1 << 24), in16 = 0.5 / (1 << 16);
            double wAny = pop.size * anywhere, w8 = same8.size() * in8, w16 = same16.size() * in16;
            double weight = wAny + w8 + w16;
            for (long minuteStart = p.nimdaStart(); minuteStart < end; minuteStart += 60) {
                double hours = (minuteStart - p.nimdaStart()) / (double) Utc.HOUR;
                double sending = p.nimdaPeakFraction() / (1 + StrictMath.exp(-(hours - MIDPOINT_HOURS) / RISE_HOURS));
                long bursts = Draws.poisson(rng, sending * p.nimdaProbesPerMinute() * weight);
                for (long b = 0; b < bursts; b++) {
                    double u = rng.nextDouble() * weight;
                    int h = u < wAny ? rng.nextInt(pop.size)
                            : u < wAny + w8 ? same8.get(rng.nextInt(same8.size()))
                            : same16.get(rng.nextInt(same16.size()));
                    long s = minuteStart + rng.nextInt(60);
                    int source = sources.of(h, s);
                    for (int form = 0; form < WormRequests.NIMDA.length; form++) {
                        logs[j].add(s, ProbeLog.NIMDA + form, false, source);
                        if (rng.nextInt(3) == 0) s++;
                    }
                }
            }
            logs[j].sort();
        }
    }
}
