package org.wormsign.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.wormsign.aggregate.Evidence;
import org.wormsign.aggregate.EvidenceSample;
import org.wormsign.aggregate.SalvagedAttempts;
import org.wormsign.detect.Classifier;
import org.wormsign.format.RejectedLine;

/**
 * {@code report.html}: one self-contained page a responder reads top to bottom — the answer, what was
 * read, the charts, then the tables. Every log-derived string passes through {@link Html#escape}; the
 * Content-Security-Policy allows nothing but the page's own style and script (by hash) and data: images.
 *
 * <p>Its size is bounded whatever the input: at most {@link #TOP_SOURCES} sources, {@link #TOP_TARGETS}
 * targets, {@link #TOP_ROWS} rows of every other table, {@link #EVIDENCE_SOURCES} × {@link #EVIDENCE_LINES}
 * evidence lines and {@link #UNPARSED_ROWS} lines that could not be read, each line cut at 2048 bytes, and
 * five charts of fixed pixel size: a few megabytes at the very most ({@link #MAX_BYTES}); everything else is
 * in the CSV and JSON files beside it.
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

    private static final String STYLE = String.join("\n",
            ":root{--ink:#1d232a;--muted:#5f6b76;--line:#e3e6ea;--warn:#8a4b00;--bad:#a4161a}",
            "body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0 auto;max-width:1120px;padding:1.5em 1.2em 4em;color:var(--ink)}",
            "h1{font-size:1.7em;margin:.2em 0}h2{font-size:1.25em;margin:2.2em 0 .6em;padding-bottom:.2em;border-bottom:2px solid var(--line)}",
            "h3{font-size:1.05em;margin:1.4em 0 .4em}",
            ".sub{color:var(--muted);margin:0 0 1.2em}",
            ".verdict{background:#fff4e5;border-left:5px solid #e67e22;padding:.8em 1.1em;margin:1em 0}",
            ".verdict.ok{background:#edf7ee;border-left-color:#2e8540}",
            ".verdict p{margin:.35em 0}.verdict p:first-child{font-size:1.15em;font-weight:600}",
            ".facts{display:grid;grid-template-columns:repeat(4,1fr);gap:.6em;margin:1em 0}@media (max-width:700px){.facts{grid-template-columns:repeat(2,1fr)}}",
            ".fact{border:1px solid var(--line);border-radius:6px;padding:.5em .7em}.fact b{display:block;font-size:1.35em}",
            ".fact span{color:var(--muted);font-size:.85em}",
            "table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums;font-size:.93em}",
            "th,td{padding:.3em .5em;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}",
            "td.n,th.n{text-align:right}th{background:#f4f6f8;position:sticky;top:0}",
            "table.sortable th{cursor:pointer;user-select:none}table.sortable th:hover{background:#e8ecf0}",
            "th[aria-sort=ascending]::after{content:' \\25B2'}th[aria-sort=descending]::after{content:' \\25BC'}",
            ".mono,code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.88em;overflow-wrap:anywhere}",
            ".raw{max-width:60em;white-space:pre-wrap;word-break:break-all;color:#333}",
            "figure{margin:1em 0}figure img{max-width:100%;height:auto;border:1px solid var(--line)}",
            "figcaption{color:var(--muted);font-size:.88em;margin-top:.3em}",
            ".muted{color:var(--muted)}.err{color:var(--bad)}.warn{color:var(--warn)}",
            "input.filter{font:inherit;padding:.3em .5em;width:22em;max-width:100%;margin:.3em 0 .6em;border:1px solid #b8c0c8;border-radius:4px}",
            "details{margin:.6em 0}summary{cursor:pointer;color:#1f5f99}",
            "nav a{margin-right:1em}");

    public static String render(ReportModel m, List<String> files) {
        ReportModel.TotalsRow t = m.totals();
        StringBuilder h = new StringBuilder(256 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src '")
                .append(sha256Source(STYLE)).append("'; script-src '").append(sha256Source(PageScript.SOURCE))
                .append("'; base-uri 'none'; form-action 'none'\">\n")
                .append("<meta name=\"referrer\" content=\"no-referrer\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>wormsign: ").append(Html.escape(title(m))).append("</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
        h.append("<h1>Code Red in these logs</h1>\n<p class=\"sub\">wormsign ").append(Html.escape(m.version()))
                .append(" · analysed ").append(Html.escape(m.started().toString())).append(" · all times UTC</p>\n");
        verdict(h, m);
        facts(h, m);
        h.append("<nav><a href=\"#charts\">Charts</a><a href=\"#sources\">Sources</a><a href=\"#targets\">Targets</a>")
                .append("<a href=\"#offschedule\">Off schedule</a><a href=\"#sideeffects\">Side effects</a>")
                .append("<a href=\"#unparsed\">Unreadable lines</a>")
                .append("<a href=\"#evidence\">Evidence</a><a href=\"#inputs\">Inputs</a></nav>\n");
        coverage(h, m, files);
        charts(h, m);
        sources(h, m);
        targets(h, m);
        offSchedule(h, m);
        sideEffects(h, m);
        unparsed(h, m);
        evidence(h, m);
        inputs(h, m);
        h.append("<p class=\"muted\">Advice (MyCERT MA-032.072001, CERT CA-2001-19): apply Microsoft's MS01-033 patch to every IIS 4.0/5.0")
                .append(" server with Indexing Service, reboot to clear the worm from memory, remove the .ida/.idq script mappings where")
                .append(" not needed, patch Cisco 600-series DSL routers, filter ingress to hosts that are not public web servers and egress")
                .append(" from web servers, and update IDS signatures. A source listed here is an infected host (or, after September 2001, a")
                .append(" copy of the worm with a wrong clock): notify its network's abuse contact with its lines from evidence.csv.</p>\n");
        h.append("<script>").append(PageScript.SOURCE).append("</script>\n</body>\n</html>\n");
        return h.toString();
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

    /** The answer in a few sentences: who, when, how the targets answered, what is out of the ordinary. */
    private static void verdict(StringBuilder h, ReportModel m) {
        ReportModel.TotalsRow t = m.totals();
        // Green only for an all-clear: nothing found, not even in unreadable lines, in everything there was to read.
        h.append("<div class=\"verdict").append(t.attempts() + t.attemptsInRejects() == 0 && !m.unread().any() ? " ok" : "").append("\">\n");
        for (String sentence : VerdictText.sentences(m)) h.append("<p>").append(Html.escape(sentence)).append("</p>\n");
        h.append("</div>\n");
    }

    private static void facts(StringBuilder h, ReportModel m) {
        ReportModel.TotalsRow t = m.totals();
        h.append("<div class=\"facts\">");
        fact(h, t.codeRedSources(), "Code Red I sources");
        fact(h, t.codeRed(), "Code Red I attempts");
        fact(h, t.codeRedIISources(), "Code Red II sources");
        fact(h, t.codeRedII(), "Code Red II attempts");
        fact(h, t.sideEffect400(), "answered 400");
        fact(h, t.offSchedule(), "off schedule");
        fact(h, t.nimda(), "Nimda-family probes");
        fact(h, t.rejected(), "lines rejected");
        h.append("</div>\n");
    }

    private static void fact(StringBuilder h, long n, String label) {
        h.append("<div class=\"fact\"><b>").append(n).append("</b><span>").append(Html.escape(label)).append("</span></div>");
    }

    private static void coverage(StringBuilder h, ReportModel m, List<String> files) {
        ReportModel.TotalsRow t = m.totals();
        long silences = m.targets().stream().mapToLong(r -> r.silences().size()).sum();
        h.append("<h2 id=\"read\">What was read</h2>\n<p>").append(t.inputs()).append(t.inputs() == 1 ? " input, " : " inputs, ")
                .append(t.lines()).append(" lines: ").append(t.records()).append(" records")
                .append(t.realigned() > 0 ? " (" + t.realigned() + " realigned: they did not fit their #Fields)" : "")
                .append(", ").append(t.rejected()).append(" rejected, ").append(t.skipped()).append(" skipped (directives and blank lines)");
        if (t.coveredFrom() != Long.MAX_VALUE) {
            h.append(", logged from ").append(Times.iso(t.coveredFrom())).append(" to ").append(Times.iso(t.coveredTo()));
        }
        if (t.recordsWithoutTime() > 0) h.append("; ").append(t.recordsWithoutTime()).append(" records without a time (their format logs none)");
        h.append(". ").append(silences == 0 ? "No target fell silent" : silences + " silences")
                .append(" (no line for ").append(hours(m.gapSeconds())).append(" or more from a target that usually logs more often).</p>\n");
        h.append("<p>Beside this page: ");
        for (int i = 0; i < files.size(); i++) {
            if (i > 0) h.append(", ");
            h.append("<a href=\"").append(Html.escape(files.get(i))).append("\">").append(Html.escape(files.get(i))).append("</a>");
        }
        h.append(" — every source, evidence line and reject sample is there; this page shows the top of each list.</p>\n");
        for (String e : m.errors()) h.append("<p class=\"err\">Not read completely: ").append(Html.escape(e)).append("</p>\n");
        for (String w : m.warnings()) h.append("<p class=\"warn\">Warning: ").append(Html.escape(w)).append("</p>\n");
        if (!m.rejectsByReason().isEmpty()) {
            h.append("<p>Rejected lines by reason: ");
            int i = 0;
            for (Map.Entry<String, Long> e : new java.util.TreeMap<>(m.rejectsByReason()).entrySet()) {
                h.append(i++ > 0 ? ", " : "").append("<code>").append(Html.escape(e.getKey())).append("</code> ").append(e.getValue());
            }
            h.append(" (samples with line numbers in rejects.csv).");
            if (t.attemptsInRejects() > 0) {
                h.append(" ").append(t.attemptsInRejects()).append(" of them carry a Code Red request: see <a href=\"#unparsed\">below</a>.");
            }
            h.append("</p>\n");
        }
    }

    private static void charts(StringBuilder h, ReportModel m) {
        h.append("<h2 id=\"charts\">Charts</h2>\n");
        List<Charts.TargetAnswers> answers = new ArrayList<>();
        for (ReportModel.TargetRow r : m.targets()) {
            if (r.codeRed() + r.codeRedII() > 0) answers.add(new Charts.TargetAnswers(r.target(), r.status400(), r.status404(), r.status200(), r.statusOther()));
        }
        // The time charts' texts count what they show: attempts and sources with a logged time, each source once.
        long[] timed = sums(m.hourly()), firstSeen = sums(m.newSourcesHourly());
        // Each chart is its own JFreeChart and PNG: drawn side by side on the cores there are.
        List<java.util.concurrent.CompletableFuture<Charts.Image>> images = List.of(
                java.util.concurrent.CompletableFuture.supplyAsync(() -> Charts.attemptsOverTime(m.hourly(), timed[0], timed[1])),
                java.util.concurrent.CompletableFuture.supplyAsync(() -> Charts.infectionWave(m.newSourcesHourly(), firstSeen[0] + firstSeen[1])),
                java.util.concurrent.CompletableFuture.supplyAsync(() -> Charts.byDayOfMonth(m.dayOfMonth()[0], m.dayOfMonth()[1])),
                java.util.concurrent.CompletableFuture.supplyAsync(() -> Charts.answersPerTarget(answers, CHART_TARGETS)),
                java.util.concurrent.CompletableFuture.supplyAsync(() -> Charts.topNetworks(m.networks(), CHART_NETWORKS)));
        String[] titles = {"Attempts over time", "The infection wave: sources seen for the first time", "Attempts by UTC day of month",
            "How each target answered (top " + CHART_TARGETS + ")", "Source networks (/16, top " + CHART_NETWORKS + ")"};
        for (int i = 0; i < titles.length; i++) figure(h, titles[i], images.get(i).join());
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

    private static void figure(StringBuilder h, String title, Charts.Image img) {
        h.append("<h3>").append(Html.escape(title)).append("</h3>\n");
        if (img.dataUri() == null) {
            h.append("<p class=\"muted\">").append(Html.escape(img.alt())).append("</p>\n");
            return;
        }
        h.append("<figure><img src=\"").append(img.dataUri()).append("\" width=\"").append(img.width()).append("\" height=\"")
                .append(img.height()).append("\" alt=\"").append(Html.escape(img.alt())).append("\"><figcaption>")
                .append(Html.escape(img.alt())).append("</figcaption></figure>\n");
    }

    private static void sources(StringBuilder h, ReportModel m) {
        h.append("<h2 id=\"sources\">Sources</h2>\n");
        if (m.hosts().isEmpty()) {
            h.append("<p>No source sent a Code Red request.</p>\n");
            return;
        }
        int shown = Math.min(TOP_SOURCES, m.hosts().size());
        h.append("<p class=\"muted\">").append(shown).append(" of ").append(m.hosts().size())
                .append(" sources, most attempts first (click a heading to sort); all are in hosts.csv.</p>\n")
                .append("<input class=\"filter\" type=\"search\" placeholder=\"Filter sources…\" aria-label=\"Filter sources\" data-table=\"sources-table\" data-count=\"sources-count\"> <span id=\"sources-count\" class=\"muted\"></span>\n")
                .append("<table id=\"sources-table\" class=\"sortable\"><thead><tr><th>source</th><th class=\"n\">Code Red I</th><th class=\"n\">Code Red II</th>")
                .append("<th>first seen</th><th>last seen</th><th class=\"n\">400</th><th class=\"n\">404</th><th class=\"n\">200</th>")
                .append("<th class=\"n\">off schedule</th><th class=\"n\">targets</th></tr></thead><tbody>\n");
        for (ReportModel.HostRow r : m.hosts().subList(0, shown)) {
            h.append("<tr><td class=\"mono\">").append(Html.escape(r.source())).append("</td>").append(num(r.codeRed()))
                    .append(num(r.codeRedII())).append(time(r.firstSeen())).append(time(r.lastSeen())).append(num(r.status400()))
                    .append(num(r.status404())).append(num(r.status200())).append(num(r.offSchedule())).append(num(r.serverCount()))
                    .append("</tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    private static void targets(StringBuilder h, ReportModel m) {
        h.append("<h2 id=\"targets\">Targets and what their answers mean</h2>\n");
        if (m.targets().isEmpty()) {
            h.append("<p>No target was probed.</p>\n");
            return;
        }
        int shown = Math.min(TOP_TARGETS, m.targets().size());
        boolean locality = m.targets().stream().anyMatch(r -> r.sameSlash8() >= 0);
        h.append("<p class=\"muted\">A target is the server address or virtual host the log records, else the input file. ")
                .append(shown).append(" of ").append(m.targets().size()).append("; all are in summary.json. Answers are listed in the order they began.</p>\n")
                .append("<table class=\"sortable\"><thead><tr><th>target</th><th class=\"n\">attempts</th><th>answers and what they mean</th>")
                .append("<th>logged</th><th>silences</th>").append(locality ? "<th>Code Red II sources in its /8 · /16</th>" : "")
                .append("</tr></thead><tbody>\n");
        for (ReportModel.TargetRow r : m.targets().subList(0, shown)) {
            h.append("<tr><td><span class=\"mono\">").append(Html.escape(r.target())).append("</span><br><span class=\"muted\">")
                    .append(Html.escape(r.kind())).append("</span></td>").append(num(r.codeRed() + r.codeRedII())).append("<td>");
            if (r.answers().isEmpty()) h.append("<span class=\"muted\">no Code Red attempt</span>");
            for (ReportModel.AnswerRow a : r.answers()) {
                h.append("<b>").append(a.status() < 0 ? "-" : String.valueOf(a.status())).append("</b> ×").append(a.attempts()).append(" ")
                        .append(Html.escape(a.meaning())).append(" <span class=\"muted\">(");
                if (a.firstSeen() == Long.MAX_VALUE) h.append("time not logged");
                else h.append(Html.escape(shortTime(a.firstSeen()))).append(a.attempts() > 1 ? " – " + Html.escape(shortTime(a.lastSeen())) : "");
                h.append(")</span><br>");
            }
            h.append("</td><td>").append(r.firstRecord() == Long.MAX_VALUE ? "time not logged"
                            : Html.escape(shortTime(r.firstRecord())) + " – " + Html.escape(shortTime(r.lastRecord())))
                    .append("<br><span class=\"muted\">").append(r.records()).append(" lines</span></td><td>");
            silences(h, r);
            h.append("</td>");
            if (locality) {
                h.append("<td>");
                if (r.sameSlash8() >= 0) h.append(r.sameSlash8()).append(" · ").append(r.sameSlash16()).append(" of ").append(r.codeRedIISources());
                else h.append("<span class=\"muted\">").append(r.codeRedII() > 0 ? "address not logged" : "–").append("</span>");
                h.append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    /** A target's silences in a line or two: the ones right after an attempt first, then the longest. */
    private static void silences(StringBuilder h, ReportModel.TargetRow r) {
        if (r.silences().isEmpty()) {
            h.append("<span class=\"muted\">none</span>");
            return;
        }
        for (ReportModel.SilenceRow s : r.silences()) {
            if (s.followsAttempt()) {
                h.append("<b class=\"err\">").append(hours(s.to() - s.from())).append(" from ").append(Html.escape(shortTime(s.from())))
                        .append(", right after a Code Red attempt at ").append(Html.escape(shortTime(s.afterAttempt()))).append("</b><br>");
            }
        }
        ReportModel.SilenceRow longest = r.silences().stream().max(Comparator.comparingLong(s -> s.to() - s.from())).orElseThrow();
        h.append(r.silences().size()).append(r.silences().size() == 1 ? " silence" : " silences").append(", longest ")
                .append(hours(longest.to() - longest.from())).append(" <span class=\"muted\">from ").append(Html.escape(shortTime(longest.from())))
                .append("</span>");
    }

    /** 2001-07-19 15:38 (UTC, to the minute): what a table cell needs. */
    private static String shortTime(long epochSecond) {
        String iso = Times.iso(epochSecond);
        return iso.length() >= 16 ? iso.substring(0, 16).replace('T', ' ') : iso;
    }

    private static void offSchedule(StringBuilder h, ReportModel m) {
        List<ReportModel.HostRow> off = m.hosts().stream().filter(r -> r.offSchedule() > 0)
                .sorted(Comparator.comparingLong(ReportModel.HostRow::offSchedule).reversed()
                        // The prefix settles most ties without making the sources' Strings (see HostRow.BUSIEST_FIRST).
                        .thenComparing((a, b) -> Long.compareUnsigned(a.sourcePrefix(), b.sourcePrefix()))
                        .thenComparing(ReportModel.HostRow::source)).toList();
        h.append("<h2 id=\"offschedule\">Off the worm's schedule</h2>\n<p class=\"muted\">Code Red I probes only on UTC days 1–19 and Code Red II")
                .append(" only from 4 August to 30 September 2001: attempts outside come from hosts with wrong clocks, or from later copies.</p>\n");
        if (off.isEmpty()) {
            h.append("<p>None.</p>\n");
            return;
        }
        h.append("<table class=\"sortable\"><thead><tr><th>source</th><th class=\"n\">off schedule</th><th class=\"n\">of attempts</th>")
                .append("<th>first seen</th><th>last seen</th></tr></thead><tbody>\n");
        for (ReportModel.HostRow r : off.subList(0, Math.min(TOP_ROWS, off.size()))) {
            h.append("<tr><td class=\"mono\">").append(Html.escape(r.source())).append("</td>").append(num(r.offSchedule()))
                    .append(num(r.attempts())).append(time(r.firstSeen())).append(time(r.lastSeen())).append("</tr>\n");
        }
        h.append("</tbody></table>\n");
        if (off.size() > TOP_ROWS) h.append("<p class=\"muted\">").append(off.size() - TOP_ROWS).append(" more in hosts.csv (off_schedule_attempts).</p>\n");
    }

    private static void sideEffects(StringBuilder h, ReportModel m) {
        h.append("<h2 id=\"sideeffects\">Probable side effects</h2>\n<p class=\"muted\">Lines answered 400 whose request could not be read")
                .append(" (empty, <code>-</code>, binary, cut), from a source that sent Code Red to the same target within ten minutes:")
                .append(" probably the worm's request, mangled on its way into the log. They are not counted as attempts.</p>\n");
        if (m.sideEffects().isEmpty()) {
            h.append("<p>None (").append(m.totals().unreadable400()).append(" unreadable 400s in all, none next to Code Red).</p>\n");
            return;
        }
        h.append("<table><thead><tr><th>source</th><th>target</th><th>time</th><th>nearest Code Red</th><th>where</th><th>line</th></tr></thead><tbody>\n");
        for (ReportModel.SideEffectRow r : m.sideEffects().subList(0, Math.min(TOP_ROWS, m.sideEffects().size()))) {
            h.append("<tr><td class=\"mono\">").append(Html.escape(r.source())).append("</td><td class=\"mono\">").append(Html.escape(r.target()))
                    .append("</td>").append(time(r.epochSecond())).append(time(r.nearestAttempt())).append("<td class=\"mono\">")
                    .append(Html.escape(r.input())).append(":").append(r.line()).append("</td><td class=\"mono raw\">")
                    .append(Html.escape(r.raw())).append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    /** Code Red requests in lines that could not be read as records: shown and pointed to, never a source's attempts. */
    private static void unparsed(StringBuilder h, ReportModel m) {
        ReportModel.TotalsRow t = m.totals();
        h.append("<h2 id=\"unparsed\">Code Red in lines that could not be read</h2>\n<p class=\"muted\">Rejected lines (cut, mangled,")
                .append(" in no known format) that still carry the worm's request: <code>/default.ida</code> and a run of at least ")
                .append(Classifier.MIN_RUN).append(" N or X. The record around it could not be read, so they are not counted as")
                .append(" any source's attempts (hosts.csv); the source shown is the line's first address, the time its first")
                .append(" readable one. evidence.csv lists the first ").append(SalvagedAttempts.PER_INPUT)
                .append(" of each input (kind <code>").append(SalvagedAttempts.CODE_RED_KIND).append("</code> or <code>")
                .append(SalvagedAttempts.CODE_RED_II_KIND).append("</code>); rejects.csv has samples of every reject.</p>\n");
        if (t.attemptsInRejects() == 0) {
            h.append("<p>None: no rejected line carries the worm's request.</p>\n");
            return;
        }
        int shown = Math.min(UNPARSED_ROWS, m.salvaged().size());
        h.append("<p>").append(t.codeRedInRejects()).append(" Code Red I and ").append(t.codeRedIIInRejects())
                .append(" Code Red II; the first ").append(shown).append(":</p>\n")
                .append("<table><thead><tr><th>source</th><th>time</th><th>kind</th><th>where</th><th>line</th></tr></thead><tbody>\n");
        for (Evidence e : m.salvaged().subList(0, shown)) {
            h.append("<tr><td class=\"mono\">").append(e.source().isEmpty() ? "<span class=\"muted\">none</span>" : Html.escape(e.source()))
                    .append("</td>").append(e.epochSecond() == RejectedLine.NO_TIME ? "<td class=\"muted\">unreadable</td>" : time(e.epochSecond()))
                    .append("<td>").append(Html.escape(e.kind())).append("</td><td class=\"mono\">").append(Html.escape(e.input()))
                    .append(":").append(e.line()).append(" @").append(e.offset()).append("</td><td class=\"mono raw\">")
                    .append(Html.escape(e.raw())).append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    private static void evidence(StringBuilder h, ReportModel m) {
        h.append("<h2 id=\"evidence\">Evidence</h2>\n<p class=\"muted\">The first lines of the top ").append(EVIDENCE_SOURCES)
                .append(" sources, as logged (bytes that are not printable text shown as \\xHH), with where to find them.")
                .append(" evidence.csv holds each source's first ")
                .append(EvidenceSample.FIRST).append(", its last and up to ").append(EvidenceSample.UNUSUAL).append(" unusual lines.</p>\n");
        if (m.hosts().isEmpty()) {
            h.append("<p>None.</p>\n");
            return;
        }
        h.append("<table><thead><tr><th>source</th><th>time</th><th>kind</th><th class=\"n\">status</th><th>where</th><th>line</th></tr></thead><tbody>\n");
        try (LineFetcher fetcher = new LineFetcher(m.evidenceText())) {
            for (ReportModel.HostRow host : m.hosts().subList(0, Math.min(EVIDENCE_SOURCES, m.hosts().size()))) {
                List<Evidence> lines = host.evidence();
                for (Evidence e : lines.subList(0, Math.min(EVIDENCE_LINES, lines.size()))) {
                    h.append("<tr><td class=\"mono\">").append(Html.escape(e.source())).append("</td>").append(time(e.epochSecond()))
                            .append("<td>").append(Html.escape(e.kind())).append("</td>").append(num(e.status())).append("<td class=\"mono\">")
                            .append(Html.escape(e.input())).append(":").append(e.line()).append(" @").append(e.offset())
                            .append("</td><td class=\"mono raw\">").append(Html.escape(fetcher.raw(e))).append("</td></tr>\n");
                }
            }
        }
        h.append("</tbody></table>\n");
    }

    private static void inputs(StringBuilder h, ReportModel m) {
        h.append("<h2 id=\"inputs\">Inputs</h2>\n<details").append(m.inputs().size() <= 12 ? " open" : "").append("><summary>")
                .append(m.inputs().size()).append(" inputs with their format, counts and SHA-256</summary>\n")
                .append("<table class=\"sortable\"><thead><tr><th>input</th><th>format</th><th class=\"n\">lines</th><th class=\"n\">records</th>")
                .append("<th class=\"n\">rejected</th><th class=\"n\">skipped</th><th>SHA-256 of the bytes as stored</th></tr></thead><tbody>\n");
        int k = 0;
        for (ReportModel.InputRow i : m.inputs()) {
            if (k++ == TOP_ROWS * 5) {
                h.append("<tr><td colspan=\"7\">… ").append(m.inputs().size() - TOP_ROWS * 5).append(" more in summary.json</td></tr>\n");
                break;
            }
            h.append("<tr><td class=\"mono\">").append(Html.escape(i.path())).append("</td><td>")
                    .append(Html.escape(i.ignoredBecause() != null ? "ignored: " + i.ignoredBecause() : i.format()))
                    .append(i.codec().equals("plain") ? "" : " (" + Html.escape(i.codec()) + ")")
                    .append(i.zone() == null ? "" : ", local time in " + Html.escape(i.zone())).append("</td>")
                    .append(num(i.lines())).append(num(i.records())).append(num(i.rejected())).append(num(i.skipped()))
                    .append("<td class=\"mono muted\">").append(Html.escape(i.sha256() == null ? "" : i.sha256())).append("</td></tr>\n");
        }
        h.append("</tbody></table></details>\n");
    }

    private static String num(long n) {
        return "<td class=\"n\">" + n + "</td>";
    }

    /** A time cell; an unknown time (no time logged: MIN_VALUE or MAX_VALUE) is an empty one. */
    private static String time(long epochSecond) {
        String iso = Times.iso(epochSecond);
        return "<td class=\"mono\" data-v=\"" + (iso.isEmpty() ? "" : epochSecond) + "\">" + Html.escape(iso.replace('T', ' ').replace("Z", "")) + "</td>";
    }

    static String hours(long seconds) {
        double h = seconds / 3600.0;
        return h >= 48 ? String.format(java.util.Locale.ROOT, "%.1f days", h / 24) : String.format(java.util.Locale.ROOT, "%.1f h", h);
    }

    /** A CSP source expression for an inline block: 'sha256-…' of its exact text. */
    static String sha256Source(String inline) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(inline.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
