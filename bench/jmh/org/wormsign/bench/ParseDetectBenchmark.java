package org.wormsign.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.wormsign.aggregate.Aggregator;
import org.wormsign.aggregate.Attempt;
import org.wormsign.aggregate.AttemptHook;
import org.wormsign.aggregate.TextBudget;
import org.wormsign.detect.Classifier;
import org.wormsign.detect.ServerKind;
import org.wormsign.detect.Verdict;
import org.wormsign.format.LineParser;
import org.wormsign.format.LogRecord;
import org.wormsign.format.apache.ApacheLogFormat;
import org.wormsign.format.iis.W3cFormat;

/**
 * The per-line work of issue 7: parse a line into the reused {@link LogRecord}, classify it, and count it into
 * an {@link Aggregator}. Run with
 * {@code -prof gc}: {@code gc.alloc.rate.norm} is then bytes allocated per line (the target is none on the
 * common path), and the score is nanoseconds per line ({@link OperationsPerInvocation}).
 *
 * <p>The lines are a realistic 2001 mix, built from a seed like {@code bench/GenerateLogs.java} builds the
 * benchmark files: ordinary pages and images (many 304s), crawlers, 2 % Code Red I, 1.5 % Code Red II, 1 %
 * Nimda, a few other .ida probes; times step 0 to 2 seconds per line, as in a busy log. They lie one after
 * another in one array, as in a read buffer. The W3C methods read the same requests as IIS 5 logs them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParseDetectBenchmark {
    static final int LINES = 20_000;
    /** How many of the lines that are no Code Red attempt the common-path benchmark reads (there are about 19,300). */
    static final int CLEAN_LINES = 19_000;

    private static final String[] PAGES = {"/", "/index.html", "/news/2001/07/story412.html", "/products/widget-17.html",
        "/docs/manual/ch04.html", "/support/faq.html", "/~jsmith/papers.html", "/download/mirrors.html"};
    private static final String[] IMAGES = {"/images/logo.gif", "/images/spacer.gif", "/css/site.css", "/js/menu.js",
        "/images/photos/img_0042.jpg", "/images/button_12.gif"};
    private static final String[] AGENTS = {"Mozilla/4.0 (compatible; MSIE 5.5; Windows 98)",
        "Mozilla/4.0 (compatible; MSIE 5.01; Windows NT 5.0)", "Mozilla/4.77 [en] (Windows NT 5.0; U)",
        "Mozilla/5.0 (Windows; U; Windows NT 5.0; en-US; rv:0.9.2) Gecko/20010726 Netscape6/6.1"};
    private static final String[] CRAWLERS = {"Googlebot/2.1 (+http://www.googlebot.com/bot.html)", "ia_archiver"};
    private static final String[] REFERERS = {"-", "http://www.google.com/search?q=widgets&hl=en", "http://slashdot.org/"};
    private static final String NIMDA = "/scripts/..%255c../winnt/system32/cmd.exe";
    private static final String[] MONTHS = {"Jul", "Aug", "Sep"};

    private byte[] apache, w3c;
    private int[] apacheStart, apacheEnd, w3cStart, w3cEnd;
    private LineParser apacheParser, w3cParser;
    private final LogRecord record = new LogRecord();
    /** The lines that are no Code Red attempt (96 %): the common path, whose aggregation must allocate nothing. */
    private int[] cleanLines;
    /**
     * One aggregator for the whole trial, as a scan keeps one per input. The same lines go through it again and
     * again, so after the first pass its sources, targets and evidence exist: this measures a line's steady cost,
     * not a new source's (a summary, its first evidence line), which the million-source file in bench.py loads.
     */
    private Aggregator aggregator, cleanAggregator;
    /** The same as {@link #aggregator}, with a hook that reads every attempt: what an installed hook adds. */
    private Aggregator hookedAggregator;

    @Setup
    public void setup() {
        SplittableRandom r = new SplittableRandom(7);
        ByteArrayOutputStream a = new ByteArrayOutputStream(), w = new ByteArrayOutputStream();
        apacheStart = new int[LINES];
        apacheEnd = new int[LINES];
        w3cStart = new int[LINES + 1];
        w3cEnd = new int[LINES + 1];
        String fields = "#Fields: date time c-ip cs-username s-ip s-port cs-method cs-uri-stem cs-uri-query sc-status cs(User-Agent) cs(Referer)";
        put(w, fields, w3cStart, w3cEnd, 0);
        String cr1 = "N".repeat(224) + Classifier.TAIL, cr2 = "X".repeat(224) + Classifier.TAIL;
        long t = 18 * 86400 + 8 * 3600; // local seconds since 2001-07-01 00:00 -0400: 19 July, 08:00
        for (int i = 0; i < LINES; i++) {
            t += r.nextInt(3);
            String ip = (24 + r.nextInt(190)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
            int u = r.nextInt(1000);
            String method = "GET", path, query = null, proto = "HTTP/1.1", agent, referer;
            int status, size;
            if (u < 20) {
                path = "/default.ida"; query = cr1; proto = " HTTP/1.0"; status = 400; size = 331; agent = "-"; referer = "-";
            } else if (u < 35) {
                path = "/default.ida"; query = cr2; proto = " HTTP/1.0"; status = 404; size = 287; agent = "-"; referer = "-";
            } else if (u < 45) {
                path = NIMDA; query = "/c+dir"; proto = "HTTP/1.0"; status = 404; size = 310; agent = "-"; referer = "-";
            } else if (u < 46) {
                path = "/null.ida"; proto = "HTTP/1.0"; status = 404; size = 290; agent = "-"; referer = "-";
            } else if (u < 150) {
                path = PAGES[r.nextInt(PAGES.length)]; proto = "HTTP/1.0"; status = 200; size = 2000 + r.nextInt(20000);
                agent = CRAWLERS[r.nextInt(CRAWLERS.length)]; referer = "-";
            } else if (u < 400) {
                path = PAGES[r.nextInt(PAGES.length)]; status = r.nextInt(30) == 0 ? 304 : 200; size = status == 304 ? 0 : 1500 + r.nextInt(30000);
                agent = AGENTS[r.nextInt(AGENTS.length)]; referer = REFERERS[r.nextInt(REFERERS.length)];
            } else {
                path = IMAGES[r.nextInt(IMAGES.length)]; status = r.nextInt(4) == 0 ? 304 : 200; size = status == 304 ? 0 : 43 + r.nextInt(40000);
                agent = AGENTS[r.nextInt(AGENTS.length)]; referer = "http://www.example.com" + PAGES[r.nextInt(PAGES.length)];
            }
            long day = t / 86400, sod = t % 86400;
            int month = (int) Math.min(2, day / 31), dom = (int) (day - month * 31) + 1;
            String time = String.format(Locale.ROOT, "[%02d/%s/2001:%02d:%02d:%02d -0400]", dom, MONTHS[month], sod / 3600, sod / 60 % 60, sod % 60);
            String request = method + " " + path + (query == null ? "" : "?" + query) + " " + proto;
            put(a, ip + " - - " + time + " \"" + request + "\" " + status + " " + (size == 0 ? "-" : String.valueOf(size))
                    + " \"" + referer + "\" \"" + agent + "\"", apacheStart, apacheEnd, i);
            long utc = t + 4 * 3600, uday = utc / 86400, usod = utc % 86400;
            int um = (int) Math.min(2, uday / 31), ud = (int) (uday - um * 31) + 1;
            put(w, String.format(Locale.ROOT, "2001-%02d-%02d %02d:%02d:%02d ", 7 + um, ud, usod / 3600, usod / 60 % 60, usod % 60)
                    + ip + " - 66.35.250.150 80 " + method + " " + path + " " + (query == null ? "-" : query) + " "
                    + (path.equals("/default.ida") && query != null ? 404 : status) + " " + agent.replace(' ', '+') + " " + referer,
                    w3cStart, w3cEnd, i + 1);
        }
        apache = a.toByteArray();
        w3c = w.toByteArray();
        apacheParser = ApacheLogFormat.compile("combined").newParser();
        w3cParser = new W3cFormat().newParser();
        // Every line must be a record, or the benchmark measures the reject path.
        for (int i = 0; i < LINES; i++) {
            if (apacheParser.parse(apache, apacheStart[i], apacheEnd[i], record) != LineParser.RECORD) {
                throw new IllegalStateException("not a record: " + new String(apache, apacheStart[i], apacheEnd[i] - apacheStart[i], StandardCharsets.ISO_8859_1));
            }
        }
        cleanLines = java.util.stream.IntStream.range(0, LINES).filter(i -> {
            apacheParser.parse(apache, apacheStart[i], apacheEnd[i], record);
            return Classifier.classify(record).variant() == null;
        }).limit(CLEAN_LINES).toArray();
        if (cleanLines.length != CLEAN_LINES) throw new IllegalStateException("only " + cleanLines.length + " lines are no attempt");
        aggregator = newAggregator();
        cleanAggregator = newAggregator();
        hookedAggregator = newAggregator(new ReadingHook());
        for (int i = 0; i <= LINES; i++) {
            int got = w3cParser.parse(w3c, w3cStart[i], w3cEnd[i], record);
            if (got != (i == 0 ? LineParser.SKIPPED : LineParser.RECORD)) {
                throw new IllegalStateException("W3C line " + i + " gave " + got + ": " + new String(w3c, w3cStart[i], w3cEnd[i] - w3cStart[i], StandardCharsets.ISO_8859_1));
            }
        }
    }

    private static void put(ByteArrayOutputStream out, String line, int[] starts, int[] ends, int i) {
        starts[i] = out.size();
        byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
        out.write(b, 0, b.length);
        ends[i] = out.size();
        out.write('\n');
    }

    /** Parse only: Apache combined into the reused record. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public void apacheParse(Blackhole bh) {
        LineParser p = apacheParser;
        LogRecord rec = record;
        for (int i = 0; i < LINES; i++) bh.consume(p.parse(apache, apacheStart[i], apacheEnd[i], rec));
    }

    /** Parse, then classify every record: the per-line work of {@code wormsign analyze} before aggregation. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public int apacheParseDetect() {
        LineParser p = apacheParser;
        LogRecord rec = record;
        int attempts = 0;
        for (int i = 0; i < LINES; i++) {
            if (p.parse(apache, apacheStart[i], apacheEnd[i], rec) == LineParser.RECORD) {
                Verdict v = Classifier.classify(rec);
                if (v != Verdict.CLEAN) attempts += v.ordinal() + (int) (rec.epochSecond() & 1);
            }
        }
        return attempts;
    }

    private static Aggregator newAggregator() {
        return newAggregator(AttemptHook.NONE);
    }

    private static Aggregator newAggregator(AttemptHook hook) {
        Aggregator a = new Aggregator(0, "bench.log", hook);
        a.serverKind(ServerKind.ofFormat("apache-combined"));
        a.spillsPast(new TextBudget(TextBudget.DEFAULT_BYTES));
        return a;
    }

    /**
     * Parse, classify and aggregate every line, as {@code wormsign analyze} does per line, its sources already
     * known (4 % of these lines are Code Red attempts): it allocates nothing either (issue 18).
     */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public void apacheParseDetectAggregate() {
        LineParser p = apacheParser;
        LogRecord rec = record;
        Aggregator a = aggregator;
        for (int i = 0; i < LINES; i++) {
            if (p.parse(apache, apacheStart[i], apacheEnd[i], rec) == LineParser.RECORD) a.record(rec, Classifier.classify(rec), i + 1, apacheStart[i]);
        }
    }

    /**
     * {@link #apacheParseDetectAggregate} with a hook installed that reads each attempt's IPv4 source, time,
     * status and variant (as a lease lookup would): the cost of the hook's call and of filling its view.
     */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public void apacheParseDetectAggregateHooked() {
        LineParser p = apacheParser;
        LogRecord rec = record;
        Aggregator a = hookedAggregator;
        for (int i = 0; i < LINES; i++) {
            if (p.parse(apache, apacheStart[i], apacheEnd[i], rec) == LineParser.RECORD) a.record(rec, Classifier.classify(rec), i + 1, apacheStart[i]);
        }
    }

    /** Reads what a customer lookup would and keeps a sum of it, so that the reads are not optimised away. */
    private static final class ReadingHook implements AttemptHook {
        long sum;

        @Override public void attempt(Attempt a) {
            sum += (a.hasIpv4() ? a.ipv4() : 0) + a.epochSecond() + a.status() + a.variant().ordinal();
        }

        @Override public AttemptHook merge(AttemptHook other) { return this; }
    }

    /** The same for the lines that are no attempt (clean, Nimda, other .ida): the common path, to allocate nothing. */
    @Benchmark
    @OperationsPerInvocation(CLEAN_LINES)
    public void apacheCommonPathAggregate(Blackhole bh) {
        LineParser p = apacheParser;
        LogRecord rec = record;
        Aggregator a = cleanAggregator;
        for (int i : cleanLines) {
            if (p.parse(apache, apacheStart[i], apacheEnd[i], rec) == LineParser.RECORD) a.record(rec, Classifier.classify(rec), i + 1, apacheStart[i]);
        }
        bh.consume(a);
    }

    /** The same requests as IIS 5 W3C lines (the #Fields line stays in force). */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public int w3cParseDetect() {
        LineParser p = w3cParser;
        LogRecord rec = record;
        int attempts = 0;
        for (int i = 1; i <= LINES; i++) {
            if (p.parse(w3c, w3cStart[i], w3cEnd[i], rec) == LineParser.RECORD) {
                Verdict v = Classifier.classify(rec);
                if (v != Verdict.CLEAN) attempts += v.ordinal() + (int) (rec.epochSecond() & 1);
            }
        }
        return attempts;
    }
}
