import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.wormsign.isp.Attribution;
import org.wormsign.isp.CustomerData;
import org.wormsign.isp.Customers;
import org.wormsign.isp.LeaseIndex;
import org.wormsign.isp.PrefixTable;
import org.wormsign.isp.ReadProblems;

/**
 * ISP mode's attribution at the scale (issue 20, item 6): a million static prefixes loaded from a CSV
 * file, ten million lease intervals indexed, ten million attempts attributed. Seeded: the same data each run.
 *
 * <pre>
 * mvn -B -o -q compile
 * mvn -B -o -q dependency:build-classpath -Dmdep.includeScope=compile -Dmdep.outputFile=target/cp.txt
 * java -Xmx512m -cp target/classes:$(cat target/cp.txt) bench/IspBench.java [--prefixes N] [--leases N] [--lookups N] [--seed S]
 * </pre>
 *
 * The prefixes: 1,000 pools of a /16, each holding business customers' /24 to /30 blocks (nested, so the
 * table is flattened, the slow path). The leases: 1,000,000 addresses of the pools, each held by ten clients
 * one after the other for 1 to 24 hours, as the lease files give them to the index once read. Lookups: random
 * addresses of the pools at random seconds of the leases' span, first by lease then by prefix, as
 * {@code Attribution} does. Prints the times, lookups per second, the heap in use after each step and the
 * process's peak RSS (VmHWM); and the size and cost of the tables as a Spark job's driver broadcasts them.
 */
public class IspBench {
    public static void main(String[] args) throws Exception {
        int prefixes = 1_000_000, leases = 10_000_000, lookups = 10_000_000;
        long seed = 20010719;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--prefixes" -> prefixes = Integer.parseInt(args[i + 1]);
                case "--leases" -> leases = Integer.parseInt(args[i + 1]);
                case "--lookups" -> lookups = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        Path dir = Files.createTempDirectory("wormsign-ispbench");
        Path csv = dir.resolve("customers.csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.US_ASCII)) {
            w.write("prefix,customer\n");
            for (int p = 0; p < 1000; p++) w.write(String.format(Locale.ROOT, "%d.%d.0.0/16,pool-%d\n", 10 + p / 256, p % 256, p));
            for (int i = 1000; i < prefixes; i++) {
                int pool = random.nextInt(1000);
                int bits = 24 + random.nextInt(7);
                int host = random.nextInt(1 << 16) & ~((1 << (32 - bits)) - 1);
                w.write(String.format(Locale.ROOT, "%d.%d.%d.%d/%d,business-%d\n", 10 + pool / 256, pool % 256, host >>> 8, host & 255, bits, i));
            }
        }
        System.out.printf(Locale.ROOT, "customers.csv: %d prefixes, %.0f MB%n", prefixes, Files.size(csv) / 1e6);

        long c0 = cpu();
        long t0 = System.nanoTime();
        CustomerData data = CustomerData.load(List.of(csv.toString()), Map.of(), 600);
        long t1 = System.nanoTime();
        long c1 = cpu();
        PrefixTable table = data.prefixes();
        System.out.printf(Locale.ROOT, "prefixes: read and flattened in %.2f s, %.2f CPU s (%d blocks into %d segments, %d rejects); heap in use %s%n",
                (t1 - t0) / 1e9, (c1 - c0) / 1e9, table.blocks(), table.segments(), data.problems().rejected(), heap());

        broadcast("prefixes", new Attribution(data), csv, c1 - c0);

        // Ten clients per address, one after the other (up to 65,536,000 addresses: a /16 per pool): 1 to 24 hours each, a gap of up to an hour between.
        long start = 995_500_800L;
        int addresses = Math.max(1, leases / 10);
        long[] addressLow = new long[addresses];
        LeaseIndex.Builder builder = new LeaseIndex.Builder();
        long c2 = cpu();
        long t2 = System.nanoTime();
        long end = start;
        for (int a = 0; a < addresses; a++) {
            // Distinct addresses: the a-th of the pools, round robin.
            int pool = a % 1000;
            int ip = (10 + pool / 256) << 24 | (pool % 256) << 16 | (a / 1000) * 61 % 65536;
            addressLow[a] = 0xFFFF_0000_0000L | (ip & 0xFFFF_FFFFL);
            long t = start + random.nextInt(3600);
            for (int k = 0; k < 10 && (long) a * 10 + k < leases; k++) {
                long held = 3600L + random.nextInt(23 * 3600);
                builder.hold(0, addressLow[a], t, t + held, random.nextInt(2_000_000));
                t += held + random.nextInt(3600);
            }
            end = Math.max(end, t);
        }
        long t3 = System.nanoTime();
        long c3 = cpu();
        LeaseIndex index = builder.build(new Customers(), new ReadProblems());
        builder = null;
        long t4 = System.nanoTime();
        long c4 = cpu();
        System.out.printf(Locale.ROOT, "leases: %d intervals on %d addresses gathered in %.2f s (%.2f CPU s), indexed in %.2f s (%.2f CPU s): %d holdings, %.0f MB, %.0f MB of it off the heap; heap in use %s%n",
                leases, index.addressCount(), (t3 - t2) / 1e9, (c3 - c2) / 1e9, (t4 - t3) / 1e9, (c4 - c3) / 1e9, index.holdingCount(),
                index.bytes() / 1e6, index.offHeapBytes() / 1e6, heap());

        broadcast("lease index", index, null, c4 - c2);

        // Attempts: from the leased addresses half the time, else anywhere in the pools.
        long[] lows = new long[lookups];
        long[] seconds = new long[lookups];
        for (int i = 0; i < lookups; i++) {
            if (random.nextBoolean()) {
                lows[i] = addressLow[random.nextInt(addresses)];
            } else {
                int pool = random.nextInt(1000);
                lows[i] = 0xFFFF_0000_0000L | (((10 + pool / 256) << 24 | (pool % 256) << 16 | random.nextInt(1 << 16)) & 0xFFFF_FFFFL);
            }
            seconds[i] = start + random.nextLong(end - start);
        }
        long byLease = 0, byPrefix = 0, nobody = 0;
        long c5 = cpu();
        long t5 = System.nanoTime();
        for (int i = 0; i < lookups; i++) {
            int c = index.customerAt(0, lows[i], seconds[i]);
            if (c >= 0) {
                byLease++;
            } else if (table.customerOf(0, lows[i]) >= 0) {
                byPrefix++;
            } else {
                nobody++;
            }
        }
        long t6 = System.nanoTime();
        long c6 = cpu();
        System.out.printf(Locale.ROOT, "lookups: %d attributed in %.2f s, %.2f CPU s: %.1f million a CPU second (%d by lease, %d by prefix, %d by neither)%n",
                lookups, (t6 - t5) / 1e9, (c6 - c5) / 1e9, lookups / ((c6 - c5) / 1e9) / 1e6, byLease, byPrefix, nobody);
        System.out.printf(Locale.ROOT, "peak RSS %s; max heap %d MB%n", peakRss(), Runtime.getRuntime().maxMemory() >> 20);
        Files.delete(csv);
        Files.delete(dir);
    }

    /**
     * What a Spark job's driver sends its executors (issue 21): the loaded tables, Java-serialized (a broadcast: Spark
     * compresses it, lz4 by default, so the deflated size is a bound from below), against sending the source text and
     * building the tables again on each executor ({@code loadCpu}: what that costs, once per executor JVM).
     */
    private static void broadcast(String what, Object tables, Path source, long loadCpu) throws Exception {
        long c0 = cpu();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(tables);
        }
        long c1 = cpu();
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            in.readObject();
        }
        long c2 = cpu();
        String text = "";
        if (source != null) {
            byte[] raw = Files.readAllBytes(source);
            text = String.format(Locale.ROOT, "; its source text %.2f MB, deflated %.2f MB, built again in %.2f CPU s", raw.length / 1e6,
                    deflated(raw) / 1e6, loadCpu / 1e9);
        }
        System.out.printf(Locale.ROOT, "%s as broadcast: serialized %.2f MB (deflated %.2f MB) in %.3f CPU s, read back in %.3f CPU s%s%n", what,
                bytes.size() / 1e6, deflated(bytes.toByteArray()) / 1e6, (c1 - c0) / 1e9, (c2 - c1) / 1e9, text);
    }

    private static long deflated(byte[] b) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream d = new java.util.zip.DeflaterOutputStream(out, new java.util.zip.Deflater(1))) {
            d.write(b);
        }
        return out.size();
    }

    /** This thread's CPU time: on a shared machine, wall time says more about the neighbours. */
    private static long cpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static String heap() {
        System.gc();
        Runtime r = Runtime.getRuntime();
        return ((r.totalMemory() - r.freeMemory()) >> 20) + " MB";
    }

    private static String peakRss() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) return line.substring(6).strip();
        }
        return "unknown";
    }
}
