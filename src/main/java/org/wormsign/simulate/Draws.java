package org.wormsign.simulate;

import java.util.SplittableRandom;

/**
 * Random draws the model needs, from a {@link SplittableRandom} so that a seed fixes every byte. Logarithms
 * and exponentials come from {@link StrictMath} everywhere in the simulator: {@link Math}'s may differ in the
 * last bit from one processor to another, and one bit is enough to change a draw and every byte after it.
 */
final class Draws {
    private Draws() {}

    private static final double[] LOG_FACTORIAL = new double[256];
    static {
        for (int k = 1; k < LOG_FACTORIAL.length; k++) LOG_FACTORIAL[k] = LOG_FACTORIAL[k - 1] + StrictMath.log(k);
    }

    /** An exponential duration with the given mean. */
    static double exponential(SplittableRandom r, double mean) {
        return -mean * StrictMath.log(1.0 - r.nextDouble());
    }

    /**
     * A Poisson count: inversion for small means, Hörmann's transformed rejection (PTRS, 1993) for large
     * ones, so a minute with 2,000 expected infections costs a few draws, not 2,000.
     */
    static long poisson(SplittableRandom r, double mean) {
        if (!(mean > 0)) return 0;
        if (mean < 1e-4) {
            // Most draws (one host's probes at one server) have tiny means: P(0) = e^-mean to within 1e-13.
            double u = r.nextDouble();
            if (u < 1 - mean + mean * mean / 2) return 0;
            return mean * mean / 2 > 1 - u ? 2 : 1;
        }
        if (mean < 30) {
            double p = StrictMath.exp(-mean), cumulative = p, u = r.nextDouble();
            long k = 0;
            while (u > cumulative && p > 0) {
                k++;
                p *= mean / k;
                cumulative += p;
            }
            return k;
        }
        double slam = StrictMath.sqrt(mean), loglam = StrictMath.log(mean);
        double b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b;
        double invAlpha = 1.1239 + 1.1328 / (b - 3.4), vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = r.nextDouble() - 0.5, v = r.nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= vr) return k;
            if (k < 0 || us < 0.013 && v > us) continue;
            if (StrictMath.log(v) + StrictMath.log(invAlpha) - StrictMath.log(a / (us * us) + b) <= -mean + k * loglam - logFactorial(k)) return k;
        }
    }

    static double logFactorial(long k) {
        if (k < LOG_FACTORIAL.length) return LOG_FACTORIAL[(int) k];
        double x = k;
        return x * StrictMath.log(x) - x + 0.5 * StrictMath.log(2 * Math.PI * x) + 1 / (12 * x) - 1 / (360 * x * x * x);
    }

    /** A seed for an independent stream, mixed from a base seed and coordinates (server, hour, host...). */
    static long mix(long seed, long a, long b) {
        long z = seed + 0x9E3779B97F4A7C15L * (a + 1) + 0xC2B2AE3D27D4EB4FL * (b + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
