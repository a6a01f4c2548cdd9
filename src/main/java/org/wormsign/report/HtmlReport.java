package org.wormsign.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * {@code report.html}: one self-contained page. Every log-derived string passes through {@link Html#escape};
 * the Content-Security-Policy allows no source but the page itself (its style by hash, images as data).
 */
public final class HtmlReport {
    private HtmlReport() {}

    /** Rows of the sources table in the page; every source is in {@code hosts.csv}. */
    public static final int TOP_SOURCES = 100;

    private static final String STYLE = String.join("\n",
            "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em auto;max-width:1100px;padding:0 1em;color:#222}",
            "h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ddd}",
            ".verdict{font-size:1.1em;background:#fff6e5;border-left:4px solid #e67e22;padding:.6em 1em}",
            ".ok{background:#eef8ee;border-left-color:#27ae60}",
            "table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}",
            "th,td{padding:.25em .5em;border-bottom:1px solid #eee;text-align:left;vertical-align:top}",
            "td.n,th.n{text-align:right}th{background:#f4f4f4}",
            "code,.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92em;word-break:break-all}",
            "img{max-width:100%;height:auto;border:1px solid #eee}",
            ".muted{color:#666}.err{color:#a00}.warn{color:#8a5a00}");

    public static String render(ReportModel m, List<String> files) {
        java.util.TreeMap<Long, long[]> byDay = new java.util.TreeMap<>();
        m.days().forEach(d -> byDay.put(d.epochDay() * 24, new long[] {d.codeRed(), d.codeRedII()}));
        Charts.Image perDay = Charts.attemptsOverTime(byDay, m.totals().codeRed(), m.totals().codeRedII());
        ReportModel.TotalsRow t = m.totals();
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src '")
                .append(sha256Source(STYLE)).append("'; base-uri 'none'; form-action 'none'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>wormsign report</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
        h.append("<h1>Code Red in these logs</h1>\n<p class=\"muted\">wormsign ").append(Html.escape(m.version()))
                .append(" · run ").append(Html.escape(m.started().toString())).append("</p>\n");
        h.append("<p class=\"verdict").append(t.attempts() == 0 ? " ok" : "").append("\">").append(Html.escape(verdict(m))).append("</p>\n");

        h.append("<h2>Inputs</h2>\n<p>").append(t.inputs()).append(" inputs, ").append(t.lines()).append(" lines: ")
                .append(t.records()).append(" records, ").append(t.rejected()).append(" rejected, ")
                .append(t.skipped()).append(" skipped. Files written beside this page: ");
        for (int i = 0; i < files.size(); i++) {
            if (i > 0) h.append(", ");
            h.append("<a href=\"").append(Html.escape(files.get(i))).append("\">").append(Html.escape(files.get(i))).append("</a>");
        }
        h.append(".</p>\n<table><tr><th>input</th><th>format</th><th class=\"n\">lines</th><th class=\"n\">records</th>")
                .append("<th class=\"n\">rejected</th><th class=\"n\">skipped</th><th>SHA-256</th></tr>\n");
        for (ReportModel.InputRow i : m.inputs()) {
            if (i.ignoredBecause() != null) continue;
            h.append("<tr><td class=\"mono\">").append(Html.escape(i.path())).append("</td><td>").append(Html.escape(i.format()))
                    .append(i.codec().equals("plain") ? "" : " (" + Html.escape(i.codec()) + ")").append("</td>")
                    .append(num(i.lines())).append(num(i.records())).append(num(i.rejected())).append(num(i.skipped()))
                    .append("<td class=\"mono muted\">").append(Html.escape(i.sha256() == null ? "" : i.sha256().substring(0, 16) + "…"))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
        for (String e : m.errors()) h.append("<p class=\"err\">").append(Html.escape(e)).append("</p>\n");
        for (String w : m.warnings()) h.append("<p class=\"warn\">").append(Html.escape(w)).append("</p>\n");

        h.append("<h2>Attempts per UTC day</h2>\n<img src=\"").append(perDay.dataUri()).append("\" width=\"").append(perDay.width())
                .append("\" height=\"").append(perDay.height()).append("\" alt=\"").append(Html.escape(perDay.alt())).append("\">\n");

        h.append("<h2>Top sources</h2>\n");
        if (m.hosts().isEmpty()) {
            h.append("<p>No source sent a Code Red request.</p>\n");
        } else {
            h.append("<p class=\"muted\">").append(Math.min(TOP_SOURCES, m.hosts().size())).append(" of ").append(m.hosts().size())
                    .append(" sources, most attempts first; all are in hosts.csv.</p>\n")
                    .append("<table><tr><th>source</th><th class=\"n\">Code Red I</th><th class=\"n\">Code Red II</th>")
                    .append("<th>first seen (UTC)</th><th>last seen (UTC)</th><th class=\"n\">400</th><th class=\"n\">404</th>")
                    .append("<th class=\"n\">200</th><th class=\"n\">off schedule</th><th class=\"n\">servers</th></tr>\n");
            for (ReportModel.HostRow r : m.hosts().subList(0, Math.min(TOP_SOURCES, m.hosts().size()))) {
                h.append("<tr><td class=\"mono\">").append(Html.escape(r.source())).append("</td>").append(num(r.codeRed()))
                        .append(num(r.codeRedII())).append("<td>").append(Times.iso(r.firstSeen())).append("</td><td>")
                        .append(Times.iso(r.lastSeen())).append("</td>").append(num(r.status400())).append(num(r.status404()))
                        .append(num(r.status200())).append(num(r.offSchedule())).append(num(r.servers().size())).append("</tr>\n");
            }
            h.append("</table>\n");
        }
        if (!m.rejectsByReason().isEmpty()) {
            h.append("<h2>Rejected lines</h2>\n<table><tr><th>reason</th><th class=\"n\">lines</th></tr>\n");
            m.rejectsByReason().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> h.append("<tr><td>").append(Html.escape(e.getKey())).append("</td>").append(num(e.getValue())).append("</tr>\n"));
            h.append("</table>\n<p class=\"muted\">Samples with their line numbers are in rejects.csv.</p>\n");
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /** The sentence at the top: what a responder needs before anything else. */
    static String verdict(ReportModel m) {
        ReportModel.TotalsRow t = m.totals();
        if (t.attempts() == 0) return "No Code Red request in " + t.lines() + " lines.";
        StringBuilder s = new StringBuilder();
        s.append(t.codeRed()).append(" Code Red I attempts from ").append(t.codeRedSources()).append(" sources and ")
                .append(t.codeRedII()).append(" Code Red II attempts from ").append(t.codeRedIISources()).append(" sources, ")
                .append(Times.iso(t.firstSeen())).append(" to ").append(Times.iso(t.lastSeen())).append(". ")
                .append(t.sideEffect400()).append(" were answered 400 (the side effect on non-IIS servers); ")
                .append(t.offSchedule()).append(" came off the worm's schedule (wrong clocks or later copies).");
        return s.toString();
    }

    private static String num(long n) {
        return "<td class=\"n\">" + n + "</td>";
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
