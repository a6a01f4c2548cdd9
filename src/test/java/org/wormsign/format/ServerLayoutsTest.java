package org.wormsign.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.wormsign.testing.Corpus;

/**
 * Layouts real servers write that are not exactly the named ones (issue 16 items 1, 7 and 9): the virtual host
 * before the client ({@code %v %h %l %u}, Matomo's {@code common_vhost}), known layouts with fields after them
 * ({@code %D}, a request id, Traefik's CLF), Jetty's NCSA log, and common lines among combined ones. Each is
 * sniffed from the whole file, then every line is read with the chosen format and the sources are checked.
 */
class ServerLayoutsTest {
    static final String CODE_RED = "GET /default.ida?" + SampleLines.N224 + SampleLines.TAIL + "  HTTP/1.0";
    static final String CODE_RED_II = "GET /default.ida?" + SampleLines.X224 + SampleLines.TAIL + " HTTP/1.0";

    /** What a file reads as: the format sniffed, and each line's outcome and client with that format. */
    record Reading(String format, List<Integer> outcomes, List<String> clients, List<String> targets) {
        int records() { return (int) outcomes.stream().filter(r -> r == LineParser.RECORD).count(); }
        Set<String> sources() { return new LinkedHashSet<>(clients); }
    }

    static Reading read(byte[] data) {
        FormatSniffer.Sniffed s = FormatSniffer.sniff(data, data.length, true, KnownFormats.sniffCandidates(ZoneOffset.UTC));
        List<Integer> outcomes = new ArrayList<>();
        List<String> clients = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        if (s.format() == null) return new Reading(s.name(), outcomes, clients, targets);
        LineParser parser = s.format().newParser();
        LogRecord rec = new LogRecord();
        for (int[] line : SampleLines.lineRanges(data)) {
            int end = line[1] > line[0] && data[line[1] - 1] == '\r' ? line[1] - 1 : line[1];
            if (end == line[0]) continue;
            int r = parser.parse(data, line[0], end, rec);
            outcomes.add(r);
            if (r == LineParser.RECORD) {
                clients.add(rec.client());
                targets.add(rec.hasTarget() ? rec.target() : null);
            }
        }
        return new Reading(s.name(), outcomes, clients, targets);
    }

    static Reading read(List<String> lines) {
        return read(FormatSnifferTest.file(lines));
    }

    static Reading readPeer(String name) throws IOException {
        return read(Files.readAllBytes(Corpus.peerFile(name)));
    }

    // Item 1: the virtual host first.

    @Test
    void matomoCommonVhostTakesTheSecondFieldAsTheClient() throws IOException {
        // www.example.com 1.2.3.4 - theuser [10/Feb/2012:16:42:07 -0500] "GET / HTTP/1.0" 301 368
        Reading r = readPeer("matomo/common_vhost.log");
        assertEquals("apache-vhost-common", r.format());
        assertEquals(List.of("1.2.3.4"), r.clients());
        assertEquals(List.of("www.example.com"), r.targets());
    }

    @Test
    void matomoStaticIgnoresHasFourClientsNotOneVhost() throws IOException {
        Reading r = readPeer("matomo/static_ignores.log");
        assertEquals("apache-vhost-first-combined", r.format());
        assertEquals(r.outcomes().size(), r.records(), "every line is a record");
        assertEquals(4, r.sources().size(), "four clients: " + r.sources());
        assertFalse(r.sources().contains("www.example.com"));
    }

    @Test
    void matomoVhostFirstCombinedFilesReadTheAddressAsTheClient() throws IOException {
        for (String name : List.of("matomo/common_complete.log", "matomo/common_encoding_big5.log")) {
            Reading r = readPeer(name);
            assertEquals("apache-vhost-first-combined", r.format(), name);
            assertEquals(List.of("1.2.3.4"), r.clients(), name);
        }
    }

    /** OVH logs the client first and the vhost where the ident goes: the client stays the address. */
    @Test
    void ovhKeepsTheClientFirst() throws IOException {
        Reading r = readPeer("matomo/ovh.log");
        assertEquals("apache-combined", r.format());
        assertEquals(List.of("1.2.3.4"), r.clients());
    }

    @Test
    void codeRedInAVhostCommonLogHasItsOwnSources() {
        List<String> lines = List.of(
                "www.example.com 211.218.252.9 - - [02/Aug/2001:06:01:38 -0400] \"" + CODE_RED + "\" 404 288",
                "www.example.com 10.1.2.3 - alice [02/Aug/2001:06:02:00 -0400] \"GET / HTTP/1.0\" 200 5120",
                "shop.example.com 61.52.222.94 - - [05/Aug/2001:12:01:00 -0400] \"" + CODE_RED_II + "\" 404 288",
                "shop.example.com 2001:db8::7 - - [05/Aug/2001:12:02:00 -0400] \"" + CODE_RED + "\" 404 288");
        Reading r = read(lines);
        assertEquals("apache-vhost-common", r.format());
        assertEquals(List.of("211.218.252.9", "10.1.2.3", "61.52.222.94", "2001:db8::7"), r.clients());
        assertEquals(List.of("www.example.com", "www.example.com", "shop.example.com", "shop.example.com"), r.targets());
    }

    @Test
    void codeRedInAVhostFirstCombinedLogHasItsOwnSource() {
        Reading r = read(List.of(
                "www.example.com 211.218.252.9 - - [02/Aug/2001:06:01:38 -0400] \"" + CODE_RED + "\" 404 288 \"-\" \"-\"",
                "www.example.com 10.1.2.3 - - [02/Aug/2001:06:02:00 -0400] \"GET / HTTP/1.0\" 200 5120 \"-\" \"Mozilla/4.0\""));
        assertEquals("apache-vhost-first-combined", r.format());
        assertEquals(List.of("211.218.252.9", "10.1.2.3"), r.clients());
    }

    /** HostnameLookups On: the client is a host name in every reading, and the layout with it first is kept. */
    @Test
    void aHostNameClientIsKeptWhenNoFieldHoldsAnAddress() {
        Reading r = read(List.of(
                "dialup-7.example.net - - [02/Aug/2001:06:01:38 -0400] \"" + CODE_RED + "\" 400 326",
                "proxy.example.org - bob [02/Aug/2001:06:02:00 -0400] \"GET / HTTP/1.0\" 200 5120"));
        assertEquals("apache-common", r.format());
        assertEquals(List.of("dialup-7.example.net", "proxy.example.org"), r.clients());
    }

    /** An ident that is an address does not turn an ordinary common log into a vhost-first one. */
    @Test
    void aCommonLogWithUserNamesStaysCommon() {
        Reading r = read(List.of(
                "211.218.252.9 - - [02/Aug/2001:06:01:38 -0400] \"" + CODE_RED + "\" 400 326",
                "10.1.2.3 - alice [02/Aug/2001:06:02:00 -0400] \"GET / HTTP/1.0\" 200 5120",
                "10.1.2.4 ident bob [02/Aug/2001:06:03:00 -0400] \"GET / HTTP/1.0\" 200 5120"));
        assertEquals("apache-common", r.format());
        assertEquals(List.of("211.218.252.9", "10.1.2.3", "10.1.2.4"), r.clients());
    }

    @Test
    void gandiVhostWithTimeToServeIsRead() throws IOException {
        // www.example.com 1.2.3.4 - theuser [10/Feb/2012:16:42:07 -0500] (0 s) "GET / HTTP/1.1" 301 368 "-" "Mozilla/5.0 …"
        Reading peer = readPeer("matomo/gandi.log");
        assertEquals("apache-vhost-gandi", peer.format());
        assertEquals(List.of("1.2.3.4", "125.125.125.125"), peer.clients());
        Reading r = read(List.of(
                "www.example.com 211.218.252.9 - - [02/Aug/2001:06:01:38 -0400] (0 s) \"" + CODE_RED + "\" 404 288 \"-\" \"-\""));
        assertEquals("apache-vhost-gandi", r.format());
        assertEquals(List.of("211.218.252.9"), r.clients());
        assertEquals(List.of("www.example.com"), r.targets());
    }

    /** nginx's {@code $host $remote_addr [$time_local] …}: the Host header first is neither the source nor the target. */
    @Test
    void hostHeaderFirstIsNotTheSource() throws IOException {
        // example.com 109.72.95.200 [09/May/2011:06:54:44 +0100] "-" 400 0 "-" "-"
        Reading peer = readPeer("awstats/testnginx.log");
        assertEquals("nginx-host-combined", peer.format());
        assertEquals(List.of("109.72.95.200"), peer.clients());
        Reading r = read(List.of(
                "www.worm.com 211.218.252.9 [02/Aug/2001:06:01:38 -0400] \"" + CODE_RED + "\" 404 169 \"-\" \"-\"",
                "www.example.com 10.1.2.3 [02/Aug/2001:06:02:00 -0400] \"GET / HTTP/1.1\" 200 0 \"-\" \"Mozilla/5.0\""));
        assertEquals("nginx-host-combined", r.format());
        assertEquals(List.of("211.218.252.9", "10.1.2.3"), r.clients());
        assertEquals(java.util.Arrays.asList(null, null), r.targets());
    }

    @Test
    void addressShapes() {
        for (String a : List.of("1.2.3.4", "2001:db8::7", "::1", "[::1]", "fe80::1%14", "::ffff:1.2.3.4"))
            assertTrue(Addresses.addressShaped(SampleLines.bytes(a), 0, a.length()), a);
        for (String a : List.of("www.example.com", "localhost:443", "www.example.com:80", "01.2.3.4", "cafe", "ab:cd", "-"))
            assertFalse(Addresses.addressShaped(SampleLines.bytes(a), 0, a.length()), a);
    }

    // Item 7: known layouts with trailing fields.

    @Test
    void lnavVhostCombinedWithMicrosecondsIsReadWithItsClients() throws IOException {
        Reading r = readPeer("lnav/logfile_regexp_access_log.0");
        assertEquals("apache-vhost-combined+extra", r.format());
        assertEquals(List.of("178.20.184.42", "154.57.4.229"), r.clients());
        assertEquals(List.of("localhost", "localhost"), r.targets());
    }

    @Test
    void traefikClfIsCombinedWithTrailingFields() throws IOException {
        // 34.70.2.63 - - [28/Jan/2020:20:20:07 +0000] "GET /wp-login.php HTTP/1.1" 200 2053 "-" "Mozilla/5.0 …" 162 "Host-…" "http://172.17.0.3:80" 22ms
        Reading r = readPeer("issues/goaccess-1660-traefik-clf.log");
        assertEquals("apache-combined+extra", r.format());
        assertEquals(r.outcomes().size(), r.records());
        assertEquals(Set.of("34.70.2.63", "80.100.131.21"), r.sources());
    }

    @Test
    void codeRedWithTrailingFieldsInEachLayout() {
        String time = "[02/Aug/2001:06:01:38 -0400]";
        List<String> tails = List.of(" 116075", " 0", " (0 s)", " req-7f3a9c", " 162 \"Host-www\" \"http://172.17.0.3:80\" 22ms");
        for (String tail : tails) {
            Reading combined = read(List.of(
                    "211.218.252.9 - - " + time + " \"" + CODE_RED + "\" 400 326 \"-\" \"-\"" + tail,
                    "10.1.2.3 - - " + time + " \"GET / HTTP/1.1\" 200 5120 \"http://www.example.com/\" \"Mozilla/5.0 (X11)\"" + tail));
            assertEquals("apache-combined+extra", combined.format(), tail);
            assertEquals(List.of("211.218.252.9", "10.1.2.3"), combined.clients(), tail);

            Reading vhost = read(List.of(
                    "www.example.com:80 211.218.252.9 - - " + time + " \"" + CODE_RED + "\" 404 288 \"-\" \"-\"" + tail,
                    "www.example.com:80 10.1.2.3 - - " + time + " \"GET / HTTP/1.1\" 200 5120 \"-\" \"Mozilla/5.0\"" + tail));
            assertEquals("apache-vhost-combined+extra", vhost.format(), tail);
            assertEquals(List.of("211.218.252.9", "10.1.2.3"), vhost.clients(), tail);
            assertEquals("www.example.com", vhost.targets().get(0), tail);
        }
    }

    /** A file where only some lines have the trailing field (a LogFormat changed mid-file): every line is read. */
    @Test
    void linesWithAndWithoutTrailingFieldsAreAllRead() {
        Reading r = read(List.of(
                "211.218.252.9 - - [02/Aug/2001:06:01:38 -0400] \"" + CODE_RED + "\" 400 326 \"-\" \"-\"",
                "10.1.2.3 - - [02/Aug/2001:06:02:00 -0400] \"GET / HTTP/1.1\" 200 5120 \"-\" \"Mozilla/5.0\" 1234",
                "10.1.2.4 - - [02/Aug/2001:06:03:00 -0400] \"GET / HTTP/1.1\" 200 5120 \"-\" \"Mozilla/5.0\" 99"));
        assertEquals("apache-combined+extra", r.format());
        assertEquals(3, r.records());
    }

    /** The exact layout is preferred when nothing trails: a plain combined file keeps its name. */
    @Test
    void aPlainCombinedFileIsNotCalledExtra() {
        Reading r = read(FormatSnifferTest.combinedLines());
        assertEquals("apache-combined", r.format());
    }

    /**
     * The trailing fields are one skipped field: a line full of {@code " } (the user agent's closing literal and a
     * blank) costs one search, not one per occurrence.
     */
    @Test
    void trailingFieldsAreBoundedOnHostileLines() {
        LineParser p = KnownFormats.byName("apache-combined+extra").newParser();
        String hostile = "1.2.3.4 - - [02/Aug/2001:06:01:38 -0400] \"GET / HTTP/1.0\" 200 1 \"-\" \"" + "a\" ".repeat(200_000) + "x";
        byte[] b = SampleLines.bytes(hostile);
        LogRecord rec = new LogRecord();
        assertEquals(LineParser.RECORD, p.parse(b, 0, b.length, rec));
        String noEnd = "1.2.3.4 - - [02/Aug/2001:06:01:38 -0400] \"" + "\" 200 1 \"".repeat(50_000);
        byte[] c = SampleLines.bytes(noEnd);
        long t0 = System.nanoTime();
        assertTrue(p.parse(c, 0, c.length, rec) != LineParser.RECORD);
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "a hostile line is read in bounded time");
    }

    // Item 9: Jetty, and common lines among combined ones.

    @Test
    void jettyNcsaLogIsRead() throws IOException {
        // 0.0.0.0 -  -  [24/Jul/2016:07:08:31 +0000] "GET http://[:1]/foo HTTP/1.1" 400 0 "http://other.site" "-"  8
        Reading r = readPeer("logparser-inline/apache-jetty-bug.log");
        assertEquals("apache-combined+extra", r.format());
        assertEquals(4, r.records());
        assertEquals(Set.of("0.0.0.0"), r.sources());
    }

    @Test
    void jettyLogIsReadWithItsLogFormat() throws IOException {
        // Named with the LogFormat logparser's test gives it: Jetty's blank more before %D after an absent user agent.
        LinePlan plan = org.wormsign.format.apache.ApacheLogFormat.compile("apache-custom",
                Files.readString(Corpus.peerFile("logparser-inline/apache-jetty-bug.format")).strip(), null);
        List<String> lines = Files.readAllLines(Corpus.peerFile("logparser-inline/apache-jetty-bug.log"));
        assertEquals(4, lines.size());
        for (String line : lines) {
            LogRecord rec = new LogRecord();
            assertEquals(LineParser.RECORD, ApacheLogFormatTest.parse(plan.newParser(), line, rec), line);
            assertEquals("0.0.0.0", rec.client());
        }
        // After the user agent's closing quote: blanks alone, or a number with more than blanks around it, are no %D.
        String upToAgent = lines.get(0).substring(0, lines.get(0).lastIndexOf('"') + 1);
        for (String tail : List.of("  ", "  8x", " 8 ")) {
            String bad = upToAgent + tail;
            assertEquals(Reject.NO_MATCH.ordinal(), ApacheLogFormatTest.parse(plan.newParser(), bad, new LogRecord()), bad);
        }
    }

    @Test
    void codeRedInJettysLayout() {
        Reading plain = read(List.of(
                "211.218.252.9 -  -  [02/Aug/2001:06:01:38 +0000] \"" + CODE_RED + "\" 404 0 \"-\" \"-\"",
                "10.1.2.3 -  alice  [02/Aug/2001:06:02:00 +0000] \"GET / HTTP/1.1\" 200 5120 \"-\" \"Mozilla/5.0\""));
        assertEquals(List.of("211.218.252.9", "10.1.2.3"), plain.clients());
        assertEquals(2, plain.records());
        Reading latency = read(List.of(
                "211.218.252.9 -  -  [02/Aug/2001:06:01:38 +0000] \"" + CODE_RED + "\" 404 0 \"-\" \"-\"  8",
                "10.1.2.3 -  -  [02/Aug/2001:06:02:00 +0000] \"GET / HTTP/1.1\" 200 5120 \"-\" \"Mozilla/5.0\"  12"));
        assertEquals("apache-combined+extra", latency.format());
        assertEquals(List.of("211.218.252.9", "10.1.2.3"), latency.clients());
    }

    @Test
    void dissectMixedCommonAndCombinedIsReadWhole() throws IOException {
        // 1.2.3.4 - - [11/Nov/2025:12:34:56 +0100] "-" 418 - "-" "-"
        // 5.6.7.8 - - [31/Dec/2025:01:23:45 +0100] "GET / HTTP/1.1" 418 -
        Reading r = readPeer("inline/dissect-apache-malformed-mixed.log");
        assertEquals("apache-combined", r.format());
        assertEquals(List.of("1.2.3.4", "5.6.7.8"), r.clients());
    }

    @Test
    void codeRedInCommonLinesAmongCombinedOnes() {
        List<String> lines = new ArrayList<>(FormatSnifferTest.combinedLines());
        lines.add("66.1.2.3 - - [01/Aug/2001:09:00:00 -0700] \"" + CODE_RED + "\" 400 339");
        lines.add("66.1.2.4 - - [01/Aug/2001:09:00:05 -0700] \"" + CODE_RED_II + "\" 404 -");
        Reading r = read(lines);
        assertEquals("apache-combined", r.format());
        assertEquals(lines.size(), r.records());
        assertEquals(List.of("66.1.2.3", "66.1.2.4"), r.clients().subList(r.clients().size() - 2, r.clients().size()));
    }

    /** A common line in a combined file that cannot be read says why: its bad time, not "truncated". */
    @Test
    void aBadCommonLineInACombinedFileGivesItsOwnReason() {
        LineParser p = KnownFormats.byName("apache-combined").newParser();
        LogRecord rec = new LogRecord();
        byte[] badTime = SampleLines.bytes("66.1.2.3 - - [41/Aug/2001:09:00:00 -0700] \"" + CODE_RED + "\" 400 339");
        assertEquals(Reject.BAD_TIMESTAMP.ordinal(), p.parse(badTime, 0, badTime.length, rec));
        byte[] cut = SampleLines.bytes("66.1.2.3 - - [01/Aug/2001:09:00:00 -0700] \"GET /default.ida?NNNNNNNN");
        assertEquals(Reject.TRUNCATED.ordinal(), p.parse(cut, 0, cut.length, rec));
    }
}
