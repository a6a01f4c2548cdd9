package org.wormsign.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wormsign.aggregate.Evidence;
import org.wormsign.detect.Classifier;
import org.wormsign.report.ReportModel;
import org.wormsign.testing.Runs;

/**
 * A server on a dual-stack socket logs an IPv4 client as an IPv4-mapped IPv6 address (issue 16, item 11): that
 * is the IPv4 source, in every format and spelling, one row in hosts.csv under its dotted quad, in its /16.
 * The lines are those of corpus/peer with the client changed: dissect.target's IPv6 Apache line, LogJoint's
 * IIS 7.5 W3C log and its IIS 7 native line ({@code ::1} there).
 */
class MappedClientsTest {
    @TempDir Path dir;

    static final String QUERY = "N".repeat(224) + Classifier.TAIL;
    static final String SOURCE = "66.104.205.72";
    static final List<String> SPELLINGS = List.of(SOURCE, "::ffff:" + SOURCE, "::FFFF:" + SOURCE, "0:0:0:0:0:ffff:" + SOURCE, "::ffff:4268:cd48");
    /** dissect.target's combined-ipv6 line; a real IPv6 client stays a source of its own, shown in RFC 5952's text. */
    static final String IPV6 = "2001:0db8:85a3:0000:0000:8a2e:0370:7334";
    static final String IPV6_TEXT = "2001:db8:85a3::8a2e:370:7334";

    static String apache(String client, int second, String request, int status) {
        return client + " - - [19/Jul/2001:15:18:" + String.format("%02d", second) + " +0100] \"" + request + "\" " + status + " 1126 \"-\" \"-\"";
    }

    @Test
    void aMappedClientIsItsIpv4SourceInEveryFormat() throws IOException {
        List<String> access = new java.util.ArrayList<>();
        for (int i = 0; i < SPELLINGS.size(); i++) access.add(apache(SPELLINGS.get(i), i, "GET /default.ida?" + QUERY + " HTTP/1.0", 400));
        access.add(apache(IPV6, 10, "GET /default.ida?" + QUERY + " HTTP/1.0", 400));
        // The worm's request mangled on its way into the log, beside its attempts: a probable side effect of the same source.
        access.add(apache("::ffff:" + SOURCE, 20, "-", 400));
        Files.write(dir.resolve("access.log"), access);
        Files.write(dir.resolve("ex010719.log"), List.of(
                "#Software: Microsoft Internet Information Services 7.5", "#Version: 1.0", "#Date: 2001-07-19 14:35:37",
                "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status sc-substatus sc-win32-status time-taken",
                "2001-07-19 14:35:37 ::ffff:10.0.0.5 GET /default.ida " + QUERY + " 80 - ::ffff:" + SOURCE + " - 404 0 2 4"));
        Files.write(dir.resolve("in010719.log"), List.of(
                "::ffff:" + SOURCE + ", -, 7/19/2001, 14:40:00, W3SVC1, MSA3644463, ::ffff:10.0.0.5, 1, 238, 5375, 404, 2, GET, /default.ida, " + QUERY + ","));

        ReportModel m = Runs.analyze(dir);
        assertEquals(List.of("apache-combined", "iis-native", "iis-w3c"), m.inputs().stream().map(ReportModel.InputRow::format).sorted().toList());
        assertEquals(0, m.totals().rejected(), m.rejectSamples().toString());

        assertEquals(List.of(SOURCE, IPV6_TEXT), m.hosts().stream().map(ReportModel.HostRow::source).toList());
        ReportModel.HostRow host = m.hosts().get(0);
        assertEquals(SPELLINGS.size() + 2, host.codeRed(), "every spelling, and the IIS lines");
        assertEquals(Instant.parse("2001-07-19T14:18:00Z").getEpochSecond(), host.firstSeen());
        List<String> sourceColumn = Runs.hostsCsv(m).lines().skip(1).map(row -> row.substring(0, row.indexOf(','))).toList();
        assertEquals(List.of(SOURCE, IPV6_TEXT), sourceColumn, "hosts.csv");

        // The evidence is the lines as logged.
        List<String> raw = host.evidence().stream().map(Evidence::raw).toList();
        for (String spelling : SPELLINGS) assertTrue(raw.stream().anyMatch(r -> r.startsWith(spelling + " - - [")), spelling + " in " + raw);

        assertEquals(List.of("66.104.0.0/16"), m.networks().stream().map(n -> n.prefix()).toList(), "IPv6 sources have no /16");
        assertEquals(1, m.networks().get(0).codeRedSources());

        ReportModel.SideEffectRow effect = m.sideEffects().get(0);
        assertEquals(1, m.sideEffects().size());
        assertEquals(SOURCE, effect.source());
        assertTrue(effect.raw().startsWith("::ffff:" + SOURCE + " "), effect.raw());
    }
}
