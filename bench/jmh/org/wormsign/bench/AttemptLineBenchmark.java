package org.wormsign.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.wormsign.aggregate.Aggregator;
import org.wormsign.aggregate.TextBudget;
import org.wormsign.detect.Classifier;
import org.wormsign.detect.ServerKind;
import org.wormsign.detect.Verdict;
import org.wormsign.format.LineParser;
import org.wormsign.format.LogRecord;
import org.wormsign.format.apache.ApacheLogFormat;

/**
 * One line's whole per-line work (parse into the reused {@link LogRecord}, classify, count into an
 * {@link Aggregator}) for each kind of Code Red attempt beside an ordinary line (issue 18): what a log where the
 * worm is a large share of the lines costs per attempt. Run with {@code -prof gc}: {@code gc.alloc.rate.norm}
 * is bytes allocated per line, the score nanoseconds per line.
 *
 * <p>Unlike {@link ParseDetectBenchmark}, whose lines come back pass after pass with the same line numbers
 * (so after the first pass no attempt is new evidence), every call here is a new line of the log: the line
 * number grows, and the logged time moves on one second every {@link #LINES_PER_SECOND} lines (the time
 * digits are written into the line), as in a dense log. So each attempt of a known source is that source's
 * latest line, which its evidence sample always keeps: the cost of an attempt in a log full of them.
 * One aggregator reads the whole trial, so what a source costs once (its summary, its arrays growing to their
 * bounds, its first evidence text) is spent in the warmup, as is the run's text budget (8 MiB): the
 * measurement is an attempt's steady cost in a large log, in a plain file (evidence text past the budget is
 * read back from it later). The new-source benchmark gets a fresh aggregator, with no text budget, each
 * iteration.
 *
 * <ul>
 * <li>{@code ordinaryLine}: a page fetched by one visitor: the common path, for comparison;
 * <li>{@code codeRedKnownSource}: Code Red I on schedule (July 1–19), from one source;
 * <li>{@code codeRedIIKnownSource}: Code Red II on schedule (from 4 August), from one source;
 * <li>{@code offScheduleKnownSource}: Code Red I from July 20 on (the flood days: a wrong clock), from one
 *     source: unusual lines, which the sample keeps up to {@code EvidenceSample.UNUSUAL};
 * <li>{@code codeRedOf10000Sources}: Code Red I on schedule from 10,000 sources in turn, each known after
 *     its first line (a source table that does not fit in the cache);
 * <li>{@code codeRedNewSource}: Code Red I on schedule from a new source on every line (cycling through
 *     1,000,000 addresses; an iteration reads fewer lines than that): a summary made per line.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AttemptLineBenchmark {
    static final int LINES_PER_SECOND = 64;
    private static final int NEW_SOURCES = 1_000_000;
    private static final int KNOWN_SOURCES = 10_000;
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    /** One line per kind, its address and time rewritten in place before each call. */
    private Line ordinary, codeRed, codeRedII, offSchedule, manySources, newSource;
    private final LogRecord record = new LogRecord();
    private LineParser parser;
    /** One aggregator for the trial: the known sources' (and the ordinary line's). */
    private Aggregator aggregator;
    /** A fresh one each iteration, so that an iteration's sources are all new to it. */
    private Aggregator newSources;
    private long lineNumber;
    private int nextNewSource;

    /** A log line whose time (and, for several sources, address) is written into its bytes. */
    private static final class Line {
        final byte[] bytes;
        /** Where dd/Mon/yyyy:HH:MM:SS starts. */
        final int timeAt;
        final long start;
        long now, day = Long.MIN_VALUE;

        Line(String address, String request, String answer, long start) {
            String text = address + " - - [01/Jan/2001:00:00:00 +0000] \"" + request + "\" " + answer;
            this.bytes = text.getBytes(StandardCharsets.ISO_8859_1);
            this.timeAt = text.indexOf('[') + 1;
            this.start = start;
            this.now = start;
        }

        /** Writes the time of line {@code n} of this kind: {@link #start} plus one second per LINES_PER_SECOND lines. */
        void at(long n) {
            long t = start + n / LINES_PER_SECOND;
            if (t == now) return;
            now = t;
            long sod = Math.floorMod(t, 86400L);
            int p = timeAt;
            if (Math.floorDiv(t, 86400L) != day) {
                // Once a day (a few times an iteration): the date's own allocation stays out of bytes per line.
                day = Math.floorDiv(t, 86400L);
                java.time.LocalDate d = java.time.LocalDate.ofEpochDay(day);
                two(p, d.getDayOfMonth());
                System.arraycopy(MONTHS[d.getMonthValue() - 1].getBytes(StandardCharsets.ISO_8859_1), 0, bytes, p + 3, 3);
            }
            two(p + 12, (int) (sod / 3600));
            two(p + 15, (int) (sod / 60 % 60));
            two(p + 18, (int) (sod % 60));
        }

        /** Writes the address 1xx.1xx.1xx.77 for source {@code i} below 1,000,000. */
        void source(int i) {
            three(0, 100 + i / 10_000);
            three(4, 100 + i / 100 % 100);
            three(8, 100 + i % 100);
        }

        private void two(int p, int v) {
            bytes[p] = (byte) ('0' + v / 10);
            bytes[p + 1] = (byte) ('0' + v % 10);
        }

        private void three(int p, int v) {
            bytes[p] = (byte) ('0' + v / 100);
            bytes[p + 1] = (byte) ('0' + v / 10 % 10);
            bytes[p + 2] = (byte) ('0' + v % 10);
        }
    }

    private static long epoch(int month, int day) {
        return java.time.LocalDate.of(2001, month, day).toEpochDay() * 86400L;
    }

    @Setup(Level.Trial)
    public void lines() {
        parser = ApacheLogFormat.compile("combined").newParser();
        String cr1 = "GET /default.ida?" + "N".repeat(Classifier.PADDING) + Classifier.TAIL + " HTTP/1.0";
        String cr2 = "GET /default.ida?" + "X".repeat(Classifier.PADDING) + Classifier.TAIL + " HTTP/1.0";
        String worm = "400 331 \"-\" \"-\"";
        ordinary = new Line("141.202.17.33", "GET /news/2001/07/story412.html HTTP/1.1",
                "200 12873 \"http://www.google.com/search?q=widgets&hl=en\" \"Mozilla/4.0 (compatible; MSIE 5.5; Windows 98)\"", epoch(7, 1));
        codeRed = new Line("213.84.12.190", cr1, worm, epoch(7, 1));
        codeRedII = new Line("24.118.9.41", cr2, "404 287 \"-\" \"-\"", epoch(8, 4));
        offSchedule = new Line("61.172.3.8", cr1, worm, epoch(7, 20));
        manySources = new Line("100.100.100.77", cr1, worm, epoch(7, 1));
        newSource = new Line("100.100.100.77", cr1, worm, epoch(7, 1));
        for (Line l : new Line[] {ordinary, codeRed, codeRedII, offSchedule, manySources, newSource}) {
            l.now = Long.MIN_VALUE;
            l.at(0);
            if (parser.parse(l.bytes, 0, l.bytes.length, record) != LineParser.RECORD) {
                throw new IllegalStateException("not a record: " + new String(l.bytes, StandardCharsets.ISO_8859_1));
            }
            Verdict v = Classifier.classify(record);
            if ((l == ordinary) != (v == Verdict.CLEAN)) throw new IllegalStateException(v + ": " + new String(l.bytes, StandardCharsets.ISO_8859_1));
        }
    }

    @Setup(Level.Trial)
    public void aggregator() {
        // The default text budget: the first warmup iteration spends it, then evidence text is left in the file.
        aggregator = newAggregator(TextBudget.DEFAULT_BYTES);
    }

    @Setup(Level.Iteration)
    public void freshAggregator() {
        // No text budget: an iteration's new sources cost the same whichever of them spends the budget.
        newSources = newAggregator(0);
    }

    private static Aggregator newAggregator(long textBudget) {
        Aggregator a = new Aggregator(0, "bench.log");
        a.serverKind(ServerKind.ofFormat("apache-combined"));
        // A path that is no file: its identity is not known, and evidence past the budget is left in it.
        a.rereadableFrom(new TextBudget(textBudget));
        return a;
    }

    private void read(Line l, Aggregator into) {
        long n = ++lineNumber;
        l.at(n);
        LogRecord rec = record;
        if (parser.parse(l.bytes, 0, l.bytes.length, rec) == LineParser.RECORD) into.record(rec, Classifier.classify(rec), n, n * 400);
    }

    @Benchmark
    public Aggregator ordinaryLine() {
        read(ordinary, aggregator);
        return aggregator;
    }

    @Benchmark
    public Aggregator codeRedKnownSource() {
        read(codeRed, aggregator);
        return aggregator;
    }

    @Benchmark
    public Aggregator codeRedIIKnownSource() {
        read(codeRedII, aggregator);
        return aggregator;
    }

    @Benchmark
    public Aggregator offScheduleKnownSource() {
        read(offSchedule, aggregator);
        return aggregator;
    }

    @Benchmark
    public Aggregator codeRedOf10000Sources() {
        manySources.source((int) (lineNumber % KNOWN_SOURCES));
        read(manySources, aggregator);
        return aggregator;
    }

    @Benchmark
    public Aggregator codeRedNewSource() {
        newSource.source(nextNewSource);
        if (++nextNewSource == NEW_SOURCES) nextNewSource = 0;
        read(newSource, newSources);
        return newSources;
    }
}
