package org.wormsign.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import gg.jte.output.StringOutput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wormsign.aggregate.Evidence;
import org.wormsign.aggregate.SourceSummary;
import org.wormsign.detect.Classifier;
import org.wormsign.detect.Verdict;
import org.wormsign.testing.Runs;

/**
 * Log text on the page is text: a hostile value put in every place the template writes model text comes out
 * escaped for where it stands, and the page's markup stays the page's own (its tags and attributes only, one
 * script). One row per place; each row puts the value into an otherwise ordinary model.
 */
class PageEscapingTest {
    @TempDir static Path tmp;
    private static ReportModel base;

    /** Markup, a broken-out attribute, an entity, quotes and a terminal escape, tagged with where it was put. */
    private static String hostile(String where) {
        return "<script>alert(1)</script><img src=x onerror=alert(2)>\" onmouseover=\"alert(3)\" '&amp;\u001b[31m" + where + "-mark";
    }

    @BeforeAll
    static void ordinaryModel() throws IOException {
        Path log = tmp.resolve("access.log");
        String codeRed = "GET /default.ida?" + "N".repeat(224) + Classifier.TAIL + " HTTP/1.0";
        Files.writeString(log, "10.0.0.1 - - [19/Jul/2001:15:38:39 +0000] \"" + codeRed + "\" 404 205 \"-\" \"-\"\n"
                + "10.0.0.2 - - [19/Jul/2001:16:38:39 +0000] \"GET / HTTP/1.0\" 200 1 \"-\" \"-\"\n", StandardCharsets.ISO_8859_1);
        base = Runs.analyze(log);
        assertEquals(1, base.hosts().size());
        assertEquals(1, base.targets().size());
    }

    /** A copy of {@code m} with its record component {@code name} replaced. */
    private static ReportModel with(ReportModel m, String name, Object value) {
        try {
            RecordComponent[] parts = ReportModel.class.getRecordComponents();
            Object[] args = new Object[parts.length];
            Class<?>[] types = new Class<?>[parts.length];
            boolean found = false;
            for (int i = 0; i < parts.length; i++) {
                types[i] = parts[i].getType();
                found |= parts[i].getName().equals(name);
                args[i] = parts[i].getName().equals(name) ? value : parts[i].getAccessor().invoke(m);
            }
            assertTrue(found, "ReportModel has no " + name);
            return ReportModel.class.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** A source named {@code name} with one Code Red attempt and its evidence line. */
    private static ReportModel.HostRow host(String name, String input, String raw) {
        SourceSummary s = new SourceSummary(name);
        long when = 995557119L;
        s.addAttempt(Verdict.CODE_RED, when, 404, "target");
        s.evidence().add(new Evidence(name, when, Verdict.CODE_RED.code(), 404, 0, input, 1, 0, raw, false));
        return new ReportModel.HostRow(s);
    }

    private static ReportModel.TargetRow target(String name, String kind, String meaning) {
        ReportModel.TargetRow t = base.targets().get(0);
        return new ReportModel.TargetRow(name, kind, t.codeRed(), t.codeRedII(), t.status400(), t.status404(), t.status200(),
                t.statusOther(), t.firstSeen(), t.lastSeen(), t.records(), t.firstRecord(), t.lastRecord(), t.verdict(),
                List.of(new ReportModel.AnswerRow(404, 1, t.firstSeen(), t.lastSeen(), meaning)), t.silences(), t.codeRedIISources(),
                t.sameSlash8(), t.sameSlash16());
    }

    private static ReportModel.InputRow input(String path, String codec, String format, String zone, String sha256, String ignored) {
        return new ReportModel.InputRow(path, sha256, 1, codec, format, 1, 1, 0, 0, 0, zone, null, List.of(), ignored);
    }

    private static Evidence salvaged(String source, String kind, String input, String raw) {
        return new Evidence(source, 995557119L, kind, -1, 0, input, 7, 0, raw, false);
    }

    /** Where the template writes model text, and how to put a value there. */
    static Stream<Map.Entry<String, BiFunction<ReportModel, String, ReportModel>>> places() {
        Map<String, BiFunction<ReportModel, String, ReportModel>> p = new java.util.LinkedHashMap<>();
        p.put("version", (m, h) -> with(m, "version", h));
        p.put("error", (m, h) -> with(m, "errors", List.of(h)));
        p.put("warning", (m, h) -> with(m, "warnings", List.of(h)));
        p.put("reject reason", (m, h) -> with(m, "rejectsByReason", Map.of(h, 3L)));
        p.put("source", (m, h) -> with(m, "hosts", List.of(host(h, "access.log", "a line"))));
        p.put("evidence input path", (m, h) -> with(m, "hosts", List.of(host("10.0.0.1", h, "a line"))));
        p.put("evidence line (request, user agent)", (m, h) -> with(m, "hosts", List.of(host("10.0.0.1", "access.log", h))));
        p.put("target", (m, h) -> with(m, "targets", List.of(target(h, "virtual host", "not found"))));
        p.put("target kind", (m, h) -> with(m, "targets", List.of(target("www", h, "not found"))));
        p.put("answer meaning", (m, h) -> with(m, "targets", List.of(target("www", "virtual host", h))));
        p.put("side effect source", (m, h) -> with(m, "sideEffects", List.of(new ReportModel.SideEffectRow(h, "www", 1, 2, "in", 3, 4, "raw"))));
        p.put("side effect target", (m, h) -> with(m, "sideEffects", List.of(new ReportModel.SideEffectRow("s", h, 1, 2, "in", 3, 4, "raw"))));
        p.put("side effect input", (m, h) -> with(m, "sideEffects", List.of(new ReportModel.SideEffectRow("s", "www", 1, 2, h, 3, 4, "raw"))));
        p.put("side effect line", (m, h) -> with(m, "sideEffects", List.of(new ReportModel.SideEffectRow("s", "www", 1, 2, "in", 3, 4, h))));
        p.put("unreadable line's source", (m, h) -> salvagedModel(m, salvaged(h, "code-red-unparsed", "in", "raw")));
        p.put("unreadable line's kind", (m, h) -> salvagedModel(m, salvaged("s", h, "in", "raw")));
        p.put("unreadable line's input", (m, h) -> salvagedModel(m, salvaged("s", "code-red-unparsed", h, "raw")));
        p.put("unreadable line's text", (m, h) -> salvagedModel(m, salvaged("s", "code-red-unparsed", "in", h)));
        p.put("input path", (m, h) -> with(m, "inputs", List.of(input(h, "gzip", "apache-combined", "UTC", "ab", null))));
        p.put("input codec", (m, h) -> with(m, "inputs", List.of(input("in", h, "apache-combined", "UTC", "ab", null))));
        p.put("format name", (m, h) -> with(m, "inputs", List.of(input("in", "plain", h, "UTC", "ab", null))));
        p.put("input zone", (m, h) -> with(m, "inputs", List.of(input("in", "plain", "apache-combined", h, "ab", null))));
        p.put("input hash", (m, h) -> with(m, "inputs", List.of(input("in", "plain", "apache-combined", null, h, null))));
        p.put("why an input was ignored", (m, h) -> with(m, "inputs", List.of(input("in", "plain", "apache-combined", null, "ab", h))));
        return p.entrySet().stream();
    }

    /** A model with one Code Red request in an unreadable line, counted so that the page lists it. */
    private static ReportModel salvagedModel(ReportModel m, Evidence e) {
        ReportModel.TotalsRow t = m.totals();
        ReportModel.TotalsRow withOne = new ReportModel.TotalsRow(t.inputs(), t.lines(), t.records(), t.rejected(), t.skipped(),
                t.codeRed(), t.codeRedII(), t.truncated(), t.codeRedSources(), t.codeRedIISources(), t.nimda(), t.otherIda(),
                t.sideEffect400(), t.offSchedule(), t.firstSeen(), t.lastSeen(), t.probableSideEffects(), t.unreadable400(),
                t.defaultIdaWithoutQuery(), t.realigned(), t.recordsWithoutTime(), t.attemptsWithoutTime(), t.coveredFrom(),
                t.coveredTo(), 1, 0);
        return with(with(m, "salvaged", List.of(e)), "totals", withOne);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("places")
    void aHostileValueComesOutEscaped(Map.Entry<String, BiFunction<ReportModel, String, ReportModel>> place) {
        String where = place.getKey().replace(' ', '_');
        String page = HtmlReport.render(place.getValue().apply(base, hostile(where)), List.of("hosts.csv"));
        assertTrue(page.contains(where + "-mark"), "the value reaches the page");
        // In text, < > & are escaped; in a double-quoted attribute, " ' & < are.
        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;")
                || page.contains("&lt;script>alert(1)&lt;/script>&lt;img src=x onerror=alert(2)>&#34; onmouseover=&#34;alert(3)&#34;"),
                "escaped for text or for an attribute");
        assertTrue(page.contains("&amp;amp;"), "an entity in log text is shown as written, not decoded");
        assertFalse(page.contains("\u001b"), "no terminal escape on the page");
        assertOnlyOwnMarkup(page);
    }

    @Test
    void theOrdinaryPageHasOnlyItsOwnMarkup() {
        assertOnlyOwnMarkup(HtmlReport.render(base, List.of("hosts.csv", "evidence.csv")));
    }

    /** The policy allows the page's style and script by the hash of the text as inlined, whatever the files hold. */
    @Test
    void theContentSecurityPolicyHashesTheInlinedBlocks() throws Exception {
        String page = HtmlReport.render(base, List.of());
        String style = between(page, "<style>", "</style>"), script = between(page, "<script>", "</script>");
        assertTrue(style.contains("th[aria-sort=ascending]") && script.contains("querySelectorAll('table.sortable')"), "the resources");
        String csp = between(page, "http-equiv=\"Content-Security-Policy\" content=\"", "\"").replace("&#39;", "'");
        assertEquals("default-src 'none'; img-src data:; style-src 'sha256-" + sha256(style) + "'; script-src 'sha256-" + sha256(script)
                + "'; base-uri 'none'; form-action 'none'", csp);
    }

    private static String between(String s, String from, String to) {
        int a = s.indexOf(from) + from.length();
        return s.substring(a, s.indexOf(to, a));
    }

    private static String sha256(String text) throws java.security.NoSuchAlgorithmException {
        return java.util.Base64.getEncoder().encodeToString(
                java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static final Set<String> TAGS = Set.of("!doctype", "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p",
            "div", "b", "span", "nav", "a", "code", "figure", "img", "figcaption", "input", "table", "thead", "tbody", "tr", "th", "td",
            "br", "details", "summary", "script");
    private static final Set<String> ATTRIBUTES = Set.of("lang", "charset", "http-equiv", "content", "name", "class", "id", "href",
            "src", "width", "height", "alt", "type", "placeholder", "aria-label", "data-table", "data-count", "data-v", "colspan", "open",
            "html");

    /**
     * Reads the page's tags the way a browser does for double-quoted attributes (the only kind the template
     * writes): every tag and attribute is one the template has, and there is one script, the page's own.
     */
    private static void assertOnlyOwnMarkup(String page) {
        Set<String> tags = new TreeSet<>(), attributes = new TreeSet<>();
        List<String> scripts = new ArrayList<>();
        int i = 0;
        while ((i = page.indexOf('<', i)) >= 0) {
            int j = i + 1;
            if (j < page.length() && page.charAt(j) == '/') {
                i = j;
                continue;
            }
            int nameEnd = j;
            while (nameEnd < page.length() && " >\n\t".indexOf(page.charAt(nameEnd)) < 0) nameEnd++;
            String tag = page.substring(j, nameEnd).toLowerCase(java.util.Locale.ROOT);
            tags.add(tag);
            int k = nameEnd;
            while (page.charAt(k) != '>') {
                if (page.charAt(k) == ' ') {
                    k++;
                    continue;
                }
                int eq = k;
                while (" =>".indexOf(page.charAt(eq)) < 0) eq++;
                attributes.add(page.substring(k, eq).toLowerCase(java.util.Locale.ROOT));
                k = eq;
                if (page.charAt(k) == '=') {
                    assertEquals('"', page.charAt(k + 1), "attributes are double-quoted: " + page.substring(i, Math.min(page.length(), k + 40)));
                    k = page.indexOf('"', k + 2) + 1;
                }
            }
            if (tag.equals("script") || tag.equals("style")) {
                int end = page.indexOf("</" + tag + ">", k);
                if (tag.equals("script")) scripts.add(page.substring(k + 1, end));
                i = end;
            } else {
                i = k;
            }
        }
        assertTrue(TAGS.containsAll(tags), "tags: " + tags);
        assertTrue(ATTRIBUTES.containsAll(attributes), "attributes: " + attributes);
        assertEquals(List.of(PageResources.SCRIPT.text()), scripts, "one script, the page's own");
    }

    @Test
    void textAndAttributeEscapingHoldsForAnyString() {
        qt().withFixedSeed(20011019L).withExamples(500).forAll(strings().allPossible().ofLengthBetween(0, 40)
                .mix(integers().between(0, 3).map(i -> List.of("<script>alert(1)</script>", "\" onerror=\"x", "\u001b]0;t\u0007",
                        "&lt;&#39;").get(i)))).checkAssert(s -> {
            for (String attribute : new String[] {null, "title"}) {
                StringOutput out = new StringOutput();
                PageOutput page = new PageOutput(out);
                page.setContext("td", attribute);
                page.writeUserContent(s);
                String h = out.toString();
                for (char c : (attribute == null ? "<>" : "<\"'").toCharArray()) assertEquals(-1, h.indexOf(c), h);
                h.chars().forEach(c -> assertTrue(c == '\t' || c >= 0x20 && c != 0x7f, "control " + c + " in " + h));
                // Every & starts an entity the escaping wrote.
                for (int i = h.indexOf('&'); i >= 0; i = h.indexOf('&', i + 1)) {
                    assertTrue(h.startsWith("&amp;", i) || h.startsWith("&lt;", i) || h.startsWith("&gt;", i) || h.startsWith("&#34;", i)
                            || h.startsWith("&#39;", i), h);
                }
            }
        });
    }
}
