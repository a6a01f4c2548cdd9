package org.wormsign.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wormsign.cli.Main;
import org.wormsign.detect.Classifier;

/** The page stays small whatever the input: a large, varied log still gives a report under the bound. */
class ReportSizeTest {
    @TempDir Path tmp;

    @Test
    void reportOfManySourcesTargetsAndSilencesStaysUnderTheBound() throws Exception {
        Path log = tmp.resolve("vhosts.log");
        String cr = "GET /default.ida?" + "N".repeat(224) + Classifier.TAIL + "  HTTP/1.0";
        String cr2 = "GET /default.ida?" + "X".repeat(224) + Classifier.TAIL + "  HTTP/1.0";
        int sources = 60_000;
        try (BufferedWriter w = Files.newBufferedWriter(log, StandardCharsets.ISO_8859_1)) {
            for (int i = 0; i < sources; i++) {
                // 2,000 virtual hosts, attempts spread over two years so every chart has many bins.
                String vhost = "host" + (i % 2000) + ".example.com";
                long minute = (long) i * 17;
                String when = java.time.format.DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss", java.util.Locale.ROOT)
                        .format(java.time.LocalDateTime.of(2001, 7, 1, 0, 0).plusMinutes(minute));
                String source = (10 + i % 200) + "." + (i / 200 % 250) + "." + (i / 50_000) + "." + (i % 250);
                String raw = "\"" + "<b>".repeat(500) + "\"";
                w.write(vhost + ":80 " + source + " - - [" + when + " +0000] \"" + (i % 3 == 0 ? cr2 : cr) + "\" 400 326 " + raw + " \"-\"\n");
            }
        }
        Path out = tmp.resolve("out");
        int status = Main.commandLine().execute("analyze", "--no-progress", "-o", out.toString(), log.toString());
        assertEquals(0, status);
        long size = Files.size(out.resolve("report.html"));
        assertTrue(size < HtmlReport.MAX_BYTES, "report.html is " + size + " bytes");
        String hosts = Files.readString(out.resolve("hosts.csv"));
        assertEquals(sources + 1, hosts.lines().count(), "every source is in hosts.csv, whatever the page shows");
    }
}
