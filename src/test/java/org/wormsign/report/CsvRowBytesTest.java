package org.wormsign.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;

/** CsvRowBytes prints what Commons CSV prints through a Utf8Writer, from Strings and from UTF-8 bytes: the outputs' bytes must not change with the printer. */
class CsvRowBytesTest {
    /** The chars that decide quoting and escaping, and text on either side of them. */
    private static final String[] PIECES = {"\"", ",", "\n", "\r", "\t", " ", "#", "!", "$", "'", "=", "+", "-", "@",
        "a", "GET /default.ida?NNNN", "%u9090", "é", "€", "\uD83D\uDE00", "\uD83D", "\uDE00", "\u0001", "\u001b", "\u007f",
        "\u0085", "\u00a0", "\u2028", "0", "-1"};

    @Test
    void rowsAreCommonsCsvsBytes() throws IOException {
        Random random = new Random(18);
        CSVFormat format = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();
        for (int round = 0; round < 3000; round++) {
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            Utf8Writer w = new Utf8Writer(expected);
            CSVPrinter p = new CSVPrinter(w, format);
            CsvRowBytes row = new CsvRowBytes(16);
            String[] pool = {text(random), text(random), text(random)};
            CsvRowBytes.LastCell last = new CsvRowBytes.LastCell();
            int rows = 1 + random.nextInt(3);
            for (int r = 0; r < rows; r++) {
                int cells = 1 + random.nextInt(5);
                for (int c = 0; c < cells; c++) {
                    switch (random.nextInt(6)) {
                        case 0 -> {
                            long v = random.nextBoolean() ? random.nextInt(2000) - 1000 : random.nextLong();
                            p.print(v);
                            row.cell(v);
                        }
                        case 1 -> {
                            String s = text(random);
                            p.print(s);
                            row.cell(s);
                        }
                        case 2 -> {
                            // Text as UTF-8 bytes (what a line gathered from its file is): valid UTF-8 only.
                            String s = text(random);
                            if (s == null || !s.equals(new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))) s = "x";
                            byte[] b = ("<<" + s + ">>").getBytes(StandardCharsets.UTF_8);
                            p.print(CsvCells.safe(s));
                            row.safeCell(b, 2, b.length - 4);
                        }
                        case 3 -> {
                            // The same String objects again and again, as a source's rows name its address.
                            String s = pool[random.nextInt(pool.length)];
                            p.print(CsvCells.safe(s));
                            row.safeCell(s, last);
                        }
                        default -> {
                            String s = text(random);
                            p.print(CsvCells.safe(s));
                            row.safeCell(s);
                        }
                    }
                }
                p.println();
                row.endRow();
            }
            p.flush();
            w.flush();
            ByteArrayOutputStream actual = new ByteArrayOutputStream();
            row.writeTo(actual);
            String shown = "round " + round + ": " + expected;
            assertArrayEquals(expected.toByteArray(), actual.toByteArray(), shown);
        }
    }

    /** Null, empty, or a few pieces. */
    private static String text(Random random) {
        int kind = random.nextInt(12);
        if (kind == 0) return null;
        if (kind == 1) return "";
        StringBuilder sb = new StringBuilder();
        int pieces = 1 + random.nextInt(4);
        for (int i = 0; i < pieces; i++) sb.append(PIECES[random.nextInt(PIECES.length)]);
        return sb.toString();
    }
}
