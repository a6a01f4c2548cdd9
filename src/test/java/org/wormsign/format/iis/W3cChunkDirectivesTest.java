package org.wormsign.format.iis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.wormsign.format.ChunkDirectives;
import org.wormsign.format.LineParser;
import org.wormsign.format.LogRecord;

/**
 * What a W3C chunk carries from the one before it, on its own (ChunkDirectivesTest and ChunkedScanTest check the
 * whole file read in chunks against one pass).
 */
class W3cChunkDirectivesTest {
    private static final String HEAD = "#Software: Microsoft Internet Information Services 5.0\r\n#Version: 1.0\r\n"
            + "#Date: 2001-07-19 00:00:00\r\n#Fields: time c-ip cs-method cs-uri-stem sc-status\r\n";
    private static final String LINE = "10:00:00 10.0.0.1 GET /index.htm 200";

    private static byte[] bytes(String s) { return s.getBytes(StandardCharsets.ISO_8859_1); }

    /** Reads {@code lines} as one chunk begun with {@code primed}, returning the chunk and the last line's record. */
    private static ChunkDirectives.Chunk read(ChunkDirectives d, ChunkDirectives.InForce primed, LogRecord last, String... lines) {
        LineParser parser = new W3cFormat().newParser();
        ChunkDirectives.Chunk chunk = d.begin(parser, primed);
        for (String l : lines) {
            byte[] b = bytes(l);
            chunk.line(b, 0, b.length);
            parser.parse(b, 0, b.length, last);
        }
        return chunk;
    }

    @Test
    void aChunkBegunWithTheHeadReadsItsLinesAsTheFileDoes() {
        ChunkDirectives d = new W3cFormat().chunkDirectives();
        byte[] head = bytes(HEAD + LINE + "\r\n");
        ChunkDirectives.InForce atHead = d.atHead(head, head.length);
        LogRecord r = new LogRecord();
        ChunkDirectives.Chunk c = read(d, atHead, r, LINE);
        assertEquals(java.time.Instant.parse("2001-07-19T10:00:00Z").getEpochSecond(), r.epochSecond(), "dated by the head's #Date");
        assertEquals(200, r.status());
        // Begun as the file's first chunk leaves it: the same reading.
        ChunkDirectives.InForce afterFirst = read(d, d.none(), new LogRecord(), HEAD.split("\r\n")).leaves(d.none());
        assertTrue(c.readAsIfPrimedWith(afterFirst));
        assertFalse(c.readAsIfPrimedWith(d.none()), "without the #Fields its lines mean something else");
    }

    @Test
    void aLaterDateOrFieldsInTheChunkIsWhatItLeaves() {
        ChunkDirectives d = new W3cFormat().chunkDirectives();
        byte[] head = bytes(HEAD);
        ChunkDirectives.InForce atHead = d.atHead(head, head.length);
        ChunkDirectives.Chunk c = read(d, atHead, new LogRecord(), "#Date: 2001-07-20 00:00:00",
                "#Fields: date time c-ip cs-method cs-uri-stem sc-status", "2001-07-20 10:00:00 10.0.0.1 GET /index.htm 200");
        ChunkDirectives.InForce left = c.leaves(atHead);
        // The next chunk, begun with what this one left, dates a line by its own column.
        LogRecord r = new LogRecord();
        ChunkDirectives.Chunk next = read(d, left, r, "2001-07-20 11:00:00 10.0.0.2 GET /a.htm 404");
        assertEquals(404, r.status());
        assertEquals(java.time.Instant.parse("2001-07-20T11:00:00Z").getEpochSecond(), r.epochSecond());
        assertFalse(next.readAsIfPrimedWith(atHead), "begun with the head's #Fields it would have read other columns");
        assertTrue(next.readAsIfPrimedWith(left));
    }

    @Test
    void formatsWithoutDirectivesCarryNothing() {
        ChunkDirectives none = ChunkDirectives.NONE;
        assertTrue(none.begin(null, none.none()).readAsIfPrimedWith(none.atHead(new byte[0], 0)));
    }
}
