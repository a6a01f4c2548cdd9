package org.wormsign.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.wormsign.report.ReportModel;
import org.wormsign.testing.Corpus;
import org.wormsign.testing.Runs;

/**
 * The peer W3C logs with quoted values (issue 16 item 4) read whole, sniffed, each line accounted for; the
 * record counts come from the files: every line that is not a directive, a blank or a named exception.
 */
class W3cPeerFilesTest {
    private static ReportModel.InputRow read(String peer) {
        Path p = Corpus.peerFile(peer);
        ReportModel.InputRow in = Runs.analyze(p).inputs().get(0);
        assertEquals(in.lines(), in.records() + in.rejected() + in.skipped(), peer);
        return in;
    }

    private static long dataLines(String peer) throws IOException {
        return Files.readAllLines(Corpus.peerFile(peer), StandardCharsets.ISO_8859_1).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).count();
    }

    @Test
    void quotedW3cLogsAreReadWhole() throws IOException {
        // IIS 6 with a quoted cookie, Oracle Web Cache padded and quoted, Incapsula's every value quoted.
        for (String peer : List.of("matomo/iis.log", "lnav/logfile_w3c.1", "lnav/logfile_w3c.4", "matomo/incapsula_w3c.log")) {
            ReportModel.InputRow in = read(peer);
            assertEquals("iis-w3c", in.format(), peer);
            assertEquals(0, in.rejected(), peer);
            assertEquals(dataLines(peer), in.records(), peer);
            assertEquals(null, in.zone(), peer + ": UTC columns");
        }
    }

    @Test
    void fieldsAndRowMismatchStaysRejected() {
        // lnav's w3c.5 is broken on purpose: a #Fields of 6 names without c-ip over a row of 17 columns (IIS 7.5's
        // layout with cs(Referer), sc-bytes and cs-bytes). Nothing in the file says where its client is, so no
        // reading is vouched for: the row is a reject, and the file (no line read) is not recognised.
        ReportModel.InputRow in = read("lnav/logfile_w3c.5");
        assertEquals("unrecognised", in.format());
        assertEquals(0, in.records());
        assertEquals(in.lines(), in.rejected());
    }
}
