package org.wormsign.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The plan finds each field's end 8 bytes at a time: fields of every length around the word size, quotes
 * and spaces inside quoted fields, lines placed at every alignment in a larger buffer with bytes after
 * them, all split as written.
 */
class FieldSearchTest {
    private static final String QUOTED_CHARS = "abcdefghij /?=&.%-\"";

    private static String text(SplittableRandom r, int length, String chars) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) sb.append(chars.charAt(r.nextInt(chars.length())));
        return sb.toString();
    }

    @Test
    void combinedLinesSplitAsWritten() {
        LineParser parser = KnownFormats.byName("apache-combined").newParser();
        LogRecord rec = new LogRecord();
        SplittableRandom r = new SplittableRandom(5);
        for (int round = 0; round < 20_000; round++) {
            String client = r.nextInt(1 + r.nextInt(3) * 100) + "." + r.nextInt(256) + ".0." + r.nextInt(256);
            String path = "/" + text(r, r.nextInt(40), "abcdefgh/._-");
            String query = r.nextBoolean() ? "" : "?" + text(r, r.nextInt(30), "abcXN=&%u0");
            String status = String.valueOf(100 + r.nextInt(500));
            // A referer and an agent may hold quotes and spaces, even '" ' (the end of a quoted field): the
            // plan backtracks past a false end, and the last field runs to the line's end.
            String referer = r.nextInt(4) == 0 ? "-" : text(r, r.nextInt(24), QUOTED_CHARS.replace("\"", ""));
            String agent = text(r, r.nextInt(30), QUOTED_CHARS);
            String line = client + " - - [19/Jul/2001:13:05:0" + r.nextInt(10) + " -0700] \"GET " + path + query + " HTTP/1.0\" "
                    + status + " " + r.nextInt(100_000) + " \"" + referer + "\" \"" + agent + "\"";
            byte[] bytes = line.getBytes(StandardCharsets.ISO_8859_1);
            int lead = r.nextInt(16), tail = r.nextInt(16);
            byte[] buf = new byte[lead + bytes.length + tail];
            for (int i = 0; i < buf.length; i++) buf[i] = (byte) "\" x".charAt(r.nextInt(3));
            System.arraycopy(bytes, 0, buf, lead, bytes.length);
            int result = parser.parse(buf, lead, lead + bytes.length, rec);
            String where = "line " + round + ": " + line;
            assertEquals(LineParser.RECORD, result, where);
            assertEquals(client, rec.client(), where);
            assertEquals(Integer.parseInt(status), rec.status(), where);
            assertEquals(path, rec.path(), where);
            assertEquals(query.isEmpty() ? null : query.substring(1), rec.hasQuery() ? rec.query() : null, where);
        }
    }
}
