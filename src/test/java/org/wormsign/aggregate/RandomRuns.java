package org.wormsign.aggregate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.wormsign.detect.Classifier;
import org.wormsign.format.LinePlan;
import org.wormsign.format.LogRecord;
import org.wormsign.format.Reject;
import org.wormsign.format.apache.ApacheLogFormat;

/**
 * Seeded random runs made into snapshots without files: inputs named {@code in-NN.log}, each its own lines
 * (from its number and the seed, so an input is the same lines in whatever run it is read): Code Red I and
 * II from a small pool of sources (so sources meet across inputs), clean lines, unreadable 400s, junk that
 * is rejected, and cut Code Red lines that are salvaged from the rejects.
 */
final class RandomRuns {
    private RandomRuns() {}

    private static final String TAIL = "%u9090%u6858%ucbd3%u7801%u9090%u6858%ucbd3%u7801%u9090%u9090%u8190%u00c3%u0003%u8b00%u531b%u53ff%u0078%u0000%u00=a";

    static String name(int input) {
        return String.format(Locale.ROOT, "in-%02d.log", input);
    }

    /** The lines of input {@code input}. */
    static List<byte[]> lines(long seed, int input) {
        SplittableRandom r = new SplittableRandom(seed * 1009 + input);
        List<byte[]> out = new ArrayList<>();
        int n = 40 + r.nextInt(120);
        for (int i = 0; i < n; i++) {
            String source = r.nextInt(10) == 0 ? "host" + r.nextInt(5) + ".example.net" : "10." + r.nextInt(3) + "." + r.nextInt(4) + "." + r.nextInt(6);
            String time = String.format(Locale.ROOT, "%02d/%s/2001:%02d:%02d:%02d +0000", 1 + r.nextInt(28), r.nextBoolean() ? "Jul" : "Aug",
                    r.nextInt(24), r.nextInt(60), r.nextInt(60));
            String line = switch (r.nextInt(9)) {
                case 0, 1, 2 -> source + " - - [" + time + "] \"GET /default.ida?" + "N".repeat(224) + TAIL + " HTTP/1.0\" "
                        + (r.nextBoolean() ? 404 : 400) + " 226 \"-\" \"-\"";
                case 3 -> source + " - - [" + time + "] \"GET /default.ida?" + "X".repeat(224) + TAIL + " HTTP/1.0\" "
                        + (r.nextInt(5) == 0 ? 200 : 404) + " 226 \"-\" \"-\"";
                case 4 -> source + " - - [" + time + "] \"-\" 400 0 \"-\" \"-\"";
                case 5 -> "junk " + r.nextInt(1000) + " \u00e9";
                case 6 -> source + " - - [" + time + "] \"GET /default.ida?" + "N".repeat(64 + r.nextInt(40));
                default -> source + " - - [" + time + "] \"GET /index.html HTTP/1.0\" 200 " + r.nextInt(9000) + " \"-\" \"Mozilla/4.0\"";
            };
            out.add(line.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Input {@code input} read as the input at place {@code place} of a run, its text past {@code budget} spilled. */
    static Aggregate fold(long seed, int input, int place, TextBudget budget) {
        return foldInPieces(seed, input, place, budget, new int[0]);
    }

    /**
     * The same, but read in line-aligned pieces cut before the lines {@code cuts} (ascending), each piece
     * counting its lines from its own start and placed after the pieces before it, as chunks of a large file are.
     */
    static Aggregate foldInPieces(long seed, int input, int place, TextBudget budget, int[] cuts) {
        List<byte[]> lines = lines(seed, input);
        Aggregate whole = new Aggregate();
        long offset = 0;
        int from = 0;
        for (int k = 0; k <= cuts.length; k++) {
            int to = k < cuts.length ? Math.min(cuts[k], lines.size()) : lines.size();
            Aggregator a = new Aggregator((long) place << 32, name(input));
            a.spillsPast(budget);
            LinePlan.Parser parser = ApacheLogFormat.compile("combined").newParser();
            LogRecord rec = new LogRecord();
            long lineNumber = 0;
            for (byte[] line : lines.subList(from, to)) {
                lineNumber++;
                int r = parser.parse(line, 0, line.length, rec);
                if (r == LinePlan.RECORD) a.record(rec, Classifier.classify(rec), lineNumber, offset);
                else if (r == LinePlan.SKIPPED) a.skipped();
                else a.rejected(Reject.ofOrdinal(r), line, 0, line.length, line.length, lineNumber, offset);
                offset += line.length + 1;
            }
            a.aggregate().shiftLines(from);
            whole.merge(a.aggregate());
            from = to;
        }
        return whole;
    }

    /** A run over inputs {@code from} to {@code to} (exclusive), started at {@code started}, as its snapshot. */
    static Snapshot run(long seed, int from, int to, TextBudget budget, Instant started) {
        return run(seed, java.util.stream.IntStream.range(from, to).toArray(), budget, started);
    }

    /** A run over the inputs numbered {@code inputs}, in that order, as its snapshot. */
    static Snapshot run(long seed, int[] inputs, TextBudget budget, Instant started) {
        return run(seed, inputs, budget, started, new int[0]);
    }

    /** The same, each input read in pieces cut before the lines {@code cuts}. */
    static Snapshot run(long seed, int[] inputs, TextBudget budget, Instant started, int[] cuts) {
        Aggregate merged = new Aggregate();
        List<Snapshot.Input> ledger = new ArrayList<>();
        for (int place = 0; place < inputs.length; place++) {
            int i = inputs[place];
            Aggregate a = foldInPieces(seed, i, place, budget, cuts);
            Map<String, Long> byReason = new LinkedHashMap<>();
            for (Reject x : Reject.values()) if (a.rejects(x) > 0) byReason.put(x.code(), a.rejects(x));
            Totals t = a.totals();
            ledger.add(new Snapshot.Input((long) place << 32, name(i), "sha-" + i, 1000 + i, "plain", "apache-combined", null, null,
                    t.lines(), t.records(), t.rejected(), t.skipped(), t.realigned(), t.recordsWithoutTime(), byReason, null, List.of(), null));
            merged.merge(a);
        }
        String first = inputs.length == 0 ? "none" : name(inputs[0]);
        Snapshot.Run run = new Snapshot.Run(List.of("analyze", first + "+" + inputs.length), started, started.plusSeconds(inputs.length),
                0, inputs.length, List.of(), List.of());
        return Snapshot.freeze(merged, run, ledger, budget);
    }

    static Snapshot run(long seed, int from, int to) {
        return run(seed, from, to, new TextBudget(TextBudget.DEFAULT_BYTES), Instant.ofEpochSecond(1_000_000_000L + from));
    }
}
