package org.wormsign.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@link AttemptLineBenchmark}'s lines timed by the thread's CPU time instead of the wall clock: on a machine
 * that others share, a thread waiting for a core is not charged. One kind per JVM (as JMH forks one per
 * benchmark), so that the aggregator's call sites see only that kind; run the JVMs of two builds alternately.
 *
 * <pre>java -cp target/test-classes:target/classes:$(cat target/bench-cp.txt) org.wormsign.bench.AttemptLineCpuTime codeRedKnownSource</pre>
 *
 * Prints the kind and the median CPU nanoseconds per line of 15 rounds of 200,000 lines, after 2,000,000 lines
 * of warmup.
 */
public final class AttemptLineCpuTime {
    private static final int WARMUP = 2_000_000, ROUNDS = 15, LINES = 200_000;

    public static void main(String[] args) {
        if (args.length != 1) throw new IllegalArgumentException("usage: AttemptLineCpuTime BENCHMARK (a method of AttemptLineBenchmark)");
        AttemptLineBenchmark b = new AttemptLineBenchmark();
        b.lines();
        b.aggregator();
        b.freshAggregator();
        Supplier<Object> line = switch (args[0]) {
            case "ordinaryLine" -> b::ordinaryLine;
            case "codeRedKnownSource" -> b::codeRedKnownSource;
            case "codeRedIIKnownSource" -> b::codeRedIIKnownSource;
            case "offScheduleKnownSource" -> b::offScheduleKnownSource;
            case "codeRedOf10000Sources" -> b::codeRedOf10000Sources;
            case "codeRedNewSource" -> b::codeRedNewSource;
            default -> throw new IllegalArgumentException("no such benchmark: " + args[0]);
        };
        boolean fresh = args[0].equals("codeRedNewSource");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int sink = 0;
        for (int i = 0; i < WARMUP; i++) sink += line.get().hashCode() & 1;
        long[] ns = new long[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            if (fresh) b.freshAggregator();
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < LINES; i++) sink += line.get().hashCode() & 1;
            ns[r] = threads.getCurrentThreadCpuTime() - start;
        }
        Arrays.sort(ns);
        System.out.printf(Locale.ROOT, "%s %.0f%s%n", args[0], ns[ROUNDS / 2] / (double) LINES, sink == -1 ? "!" : "");
    }
}
