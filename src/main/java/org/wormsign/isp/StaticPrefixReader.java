package org.wormsign.isp;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * {@code prefix,customer[,name,contact]}: one IPv4 or IPv6 CIDR prefix, {@code first-last} range or single
 * address per row, with an optional header row naming those columns. Comment lines start with {@code #}.
 */
final class StaticPrefixReader {
    private StaticPrefixReader() {}

    static void read(Reader in, String file, Reading r) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setCommentMarker('#').setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true).get();
        long[] block = new long[4];
        try (CSVParser p = CSVParser.parse(in, format)) {
            for (CSVRecord row : p) {
                long line = p.getCurrentLineNumber();
                if (row.getRecordNumber() == 1 && "prefix".equalsIgnoreCase(row.get(0))) continue;
                if (row.size() < 2) {
                    r.problems.reject(file, line, "too-few-columns", String.join(",", row.values()));
                } else if (!Ip.parseBlock(row.get(0), block)) {
                    r.problems.reject(file, line, "bad-prefix", String.join(",", row.values()));
                } else if (row.get(1).isBlank()) {
                    r.problems.reject(file, line, "no-customer", String.join(",", row.values()));
                } else {
                    int id = r.customers.id(row.get(1).strip(), row.size() > 2 ? row.get(2) : null, row.size() > 3 ? row.get(3) : null);
                    r.prefixes.add(block[0], block[1], block[2], block[3], id);
                }
            }
        } catch (UncheckedIOException e) {
            // Commons CSV stops at a quote it cannot close: the rest of the file is one reject, said where.
            r.problems.reject(file, -1, "bad-csv", e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        }
    }
}
