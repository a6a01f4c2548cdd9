package org.wormsign.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wormsign.aggregate.Evidence;
import org.wormsign.report.ReportModel;
import org.wormsign.testing.Runs;

/**
 * The outputs read sources by one set of rules ({@link org.wormsign.format.SourceAddress}, issue 17 item 5): two
 * spellings of one IPv6 address are one row of hosts.csv, in RFC 5952's text; a zone makes another address;
 * 255.255.255.255 is an address like any other; a zero-padded quad and a host name are kept as logged.
 */
class AddressSourcesTest {
    @TempDir Path dir;

    @Test
    void hostsCsvHasOneRowPerAddress() throws IOException {
        String[] clients = {"2001:DB8:0:0:0:0:0:7", "2001:db8::7", "[2001:0db8::7]", "fe80::1%eth0", "FE80::1%eth0",
                "255.255.255.255", "::ffff:255.255.255.255", "066.104.205.72", "crawler.example.com"};
        List<String> access = new java.util.ArrayList<>();
        for (int i = 0; i < clients.length; i++) access.add(MappedClientsTest.apache(clients[i], i, "GET /default.ida?" + MappedClientsTest.QUERY + " HTTP/1.0", 404));
        Files.write(dir.resolve("access.log"), access);

        ReportModel m = Runs.analyze(dir);
        assertEquals(0, m.totals().rejected(), m.rejectSamples().toString());
        assertEquals(clients.length, m.totals().records());

        // Most attempts first, then by source text.
        List<String> want = List.of("2001:db8::7", "255.255.255.255", "fe80::1%eth0", "066.104.205.72", "crawler.example.com");
        assertEquals(want, m.hosts().stream().map(ReportModel.HostRow::source).toList());
        List<String> rows = Runs.hostsCsv(m).lines().skip(1).toList();
        assertEquals(want, rows.stream().map(row -> row.substring(0, row.indexOf(','))).toList(), "hosts.csv");
        assertEquals(List.of(3L, 2L, 2L, 1L, 1L), m.hosts().stream().map(ReportModel.HostRow::codeRed).toList());

        // The evidence keeps each line as logged, under the source's text.
        ReportModel.HostRow v6 = m.hosts().get(0);
        List<String> raw = v6.evidence().stream().map(Evidence::raw).toList();
        for (int i = 0; i < 3; i++) {
            String spelling = clients[i];
            assertTrue(raw.stream().anyMatch(r -> r.startsWith(spelling + " - - [")), spelling + " in " + raw);
        }
        assertTrue(v6.evidence().stream().allMatch(e -> e.source().equals("2001:db8::7")), v6.evidence().toString());

        // The /16 chart counts IPv4 sources only, 255.255.255.255 among them; a zero-padded quad is no address.
        assertEquals(List.of("255.255.0.0/16"), m.networks().stream().map(n -> n.prefix()).toList());
    }
}
