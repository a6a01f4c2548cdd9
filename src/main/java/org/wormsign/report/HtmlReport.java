package org.wormsign.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

import org.wormsign.aggregate.Evidence;
import org.wormsign.aggregate.EvidenceText;

/**
 * {@code report.html}: one self-contained page a responder reads top to bottom — the answer, what was
 * read, the charts, then the tables. The markup is the template {@code src/main/jte/report.jte}, compiled to
 * Java at build time; JTE escapes every value it writes for where it stands (see {@link PageOutput}), so log
 * text cannot become markup. This class chooses what the page shows (bounded lists, the charts, the evidence
 * lines read back) and leaves the markup to the template. The Content-Security-Policy allows nothing but the
 * page's own style and script (by hash, {@link PageResources}) and data: images.
 *
 * <p>Its size is bounded whatever the input: at most {@link #TOP_SOURCES} sources, {@link #TOP_TARGETS}
 * targets, {@link #TOP_ROWS} rows of every other table, {@link #EVIDENCE_SOURCES} × {@link #EVIDENCE_LINES}
 * evidence lines and {@link #UNPARSED_ROWS} lines that could not be read, each line cut at 2048 bytes, and
 * five charts of fixed pixel size: a few megabytes at the very most ({@link #MAX_BYTES}); everything else is
 * in the CSV and JSON files beside it. The lists are cut here, before the template sees them.
 */
public final class HtmlReport {
    private HtmlReport() {}

    public static final int TOP_SOURCES = 100;
    public static final int TOP_TARGETS = 50;
    public static final int TOP_ROWS = 100;
    public static final int EVIDENCE_SOURCES = 20;
    public static final int EVIDENCE_LINES = 3;
    /** Rows of the table of Code Red requests in lines that could not be read; evidence.csv has more. */
    public static final int UNPARSED_ROWS = 20;
    public static final int CHART_TARGETS = 20;
    public static final int CHART_NETWORKS = 15;
    /** The page never grows past this (asserted by a test on a large input). */
    public static final int MAX_BYTES = 4 << 20;

    /** Rows of the inputs table: inputs are few and each says how it was read, so it shows more than the others. */
    static final int INPUT_ROWS = TOP_ROWS * 5;

    /** The templates as compiled into this package by jte-maven-plugin: no template compiler at run time. */
    private static final TemplateEngine TEMPLATES =
            TemplateEngine.createPrecompiled(null, ContentType.Html, HtmlReport.class.getClassLoader(), HtmlReport.class.getPackageName());

    /** What the template shows: the model, and the bounded, ordered lists and texts chosen from it. */
    record Page(ReportModel m, String contentSecurityPolicy, PageResources.Inline style, PageResources.Inline script,
                String title, boolean allClear, List<String> verdict, long silences, List<String> files,
                List<Map.Entry<String, Long>> rejectsByReason, List<Figure> figures, List<ReportModel.HostRow> sources,
                List<ReportModel.TargetRow> targets, boolean locality, List<ReportModel.HostRow> offSchedule,
                long offScheduleAll, List<ReportModel.SideEffectRow> sideEffects, List<Evidence> salvaged,
                List<EvidenceLine> evidence, List<ReportModel.InputRow> inputs, IspSection isp) {}

    record Figure(String title, Charts.Image image) {}

    /** An evidence line with its text as logged, read back before the template runs. */
    record EvidenceLine(Evidence line, String raw) {}

    public static String render(ReportModel m, List<String> files) {
        return render(m, files, null);
    }

    /** The page; with {@code isp} (ISP mode), its section for the abuse desk too. */
    public static String render(ReportModel m, List<String> files, IspSection isp) {
        StringOutput out = new StringOutput(256 * 1024);
        TEMPLATES.render("report.jte", page(m, files, isp), new PageOutput(out));
        return out.toString();
    }

    static Page page(ReportModel m, List<String> files) {
        return page(m, files, null);
    }

    static Page page(ReportModel m, List<String> files, IspSection isp) {
        ReportModel.TotalsRow t = m.totals();
        return new Page(m, PageResources.CONTENT_SECURITY_POLICY, PageResources.STYLE, PageResources.SCRIPT, title(m),
                // Green only for an all-clear: nothing found, not even in unreadable lines, in everything there was to read.
                t.attempts() + t.attemptsInRejects() == 0 && !m.unread().any(), VerdictText.sentences(m),
                m.targets().stream().mapToLong(r -> r.silences().size()).sum(), List.copyOf(files),
                List.copyOf(new TreeMap<>(m.rejectsByReason()).entrySet()), figures(m), first(m.hosts(), TOP_SOURCES),
                first(m.targets(), TOP_TARGETS), m.targets().stream().anyMatch(r -> r.sameSlash8() >= 0), first(m.offSchedule().most(), TOP_ROWS),
                m.offSchedule().sources(), first(m.sideEffects(), TOP_ROWS), first(m.salvaged(), UNPARSED_ROWS), evidence(m), first(m.inputs(), INPUT_ROWS), isp);
    }

    private static <T> List<T> first(List<T> all, int n) {
        return all.subList(0, Math.min(n, all.size()));
    }

    private static String title(ReportModel m) {
        ReportModel.TotalsRow t = m.totals();
        if (t.attempts() > 0) return t.sources() + " Code Red sources";
        if (t.attemptsInRejects() > 0) return t.attemptsInRejects() + " Code Red requests in unreadable lines";
        if (!m.unread().any()) return "no Code Red found";
        ReportModel.Unread u = m.unread();
        return u.failed() + " of " + u.of() + (u.of() == 1 ? " input" : " inputs") + " not read"
                + (t.records() == 0 ? "" : ", no Code Red in the rest");
    }

    private static List<Figure> figures(ReportModel m) {
        List<Charts.TargetAnswers> answers = new ArrayList<>();
        for (ReportModel.TargetRow r : m.targets()) {
            if (r.codeRed() + r.codeRedII() > 0) answers.add(new Charts.TargetAnswers(r.target(), r.status400(), r.status404(), r.status200(), r.statusOther()));
        }
        // The time charts' texts count what they show: attempts and sources with a logged time, each source once.
        long[] timed = sums(m.hourly()), firstSeen = sums(m.newSourcesHourly());
        // Each chart is its own JFreeChart and PNG: drawn side by side on the cores there are.
        List<CompletableFuture<Charts.Image>> images = List.of(
                CompletableFuture.supplyAsync(() -> Charts.attemptsOverTime(m.hourly(), timed[0], timed[1])),
                CompletableFuture.supplyAsync(() -> Charts.infectionWave(m.newSourcesHourly(), firstSeen[0] + firstSeen[1])),
                CompletableFuture.supplyAsync(() -> Charts.byDayOfMonth(m.dayOfMonth()[0], m.dayOfMonth()[1])),
                CompletableFuture.supplyAsync(() -> Charts.answersPerTarget(answers, CHART_TARGETS)),
                CompletableFuture.supplyAsync(() -> Charts.topNetworks(m.networks(), CHART_NETWORKS)));
        String[] titles = {"Attempts over time", "The infection wave: sources seen for the first time", "Attempts by UTC day of month",
            "How each target answered (top " + CHART_TARGETS + ")", "Source networks (/16, top " + CHART_NETWORKS + ")"};
        List<Figure> out = new ArrayList<>();
        for (int i = 0; i < titles.length; i++) out.add(new Figure(titles[i], images.get(i).join()));
        return out;
    }

    /** {Code Red I, Code Red II} summed over every hour. */
    private static long[] sums(Map<Long, long[]> hourly) {
        long[] out = new long[2];
        for (long[] c : hourly.values()) {
            out[0] += c[0];
            out[1] += c[1];
        }
        return out;
    }

    /** The first lines of the top sources, their text read back now: the template only writes what it is given. */
    private static List<EvidenceLine> evidence(ReportModel m) {
        List<EvidenceLine> out = new ArrayList<>();
        try (EvidenceText.Reader fetcher = m.evidenceText().reader()) {
            for (ReportModel.HostRow host : first(m.hosts(), EVIDENCE_SOURCES)) {
                for (Evidence e : first(host.evidence(), EVIDENCE_LINES)) out.add(new EvidenceLine(e, fetcher.text(e)));
            }
        }
        return out;
    }

    /** A time cell's text, 2001-07-19 15:38:39 (UTC); empty for an unknown time (MIN_VALUE or MAX_VALUE). */
    static String cellTime(long epochSecond) {
        return Times.iso(epochSecond).replace('T', ' ').replace("Z", "");
    }

    /** A time cell's sort key: the epoch second, or empty for an unknown time. */
    static String sortKey(long epochSecond) {
        return Times.iso(epochSecond).isEmpty() ? "" : Long.toString(epochSecond);
    }

    /** 2001-07-19 15:38 (UTC, to the minute): what a table cell needs. */
    static String shortTime(long epochSecond) {
        String iso = Times.iso(epochSecond);
        return iso.length() >= 16 ? iso.substring(0, 16).replace('T', ' ') : iso;
    }

    static String hours(long seconds) {
        double h = seconds / 3600.0;
        return h >= 48 ? String.format(java.util.Locale.ROOT, "%.1f days", h / 24) : String.format(java.util.Locale.ROOT, "%.1f h", h);
    }

    /** A target's longest silence. */
    static ReportModel.SilenceRow longest(ReportModel.TargetRow r) {
        return r.silences().stream().max(Comparator.comparingLong(s -> s.to() - s.from())).orElseThrow();
    }
}
