package org.wormsign.isp;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * {@code address,start_utc,end_utc,customer}: one holding a row, times as ISO-8601 UTC
 * ({@code 2001-07-19T15:00:00Z}) or epoch seconds; the header names the columns (others may follow).
 */
final class PlainLeasesReader {
    private PlainLeasesReader() {}

    static void read(Reader in, String file, Reading r) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setCommentMarker('#')
                .setIgnoreEmptyLines(true).setIgnoreSurroundingSpaces(true).get();
        String field = r.field(CustomerFormat.PLAIN);
        long[] address = new long[2];
        try (CSVParser p = CSVParser.parse(in, format)) {
            Map<String, Integer> header = p.getHeaderMap();
            if (!r.hasColumns(header, file, "address", "start_utc", "end_utc", field)) return;
            for (CSVRecord row : p) {
                long line = p.getCurrentLineNumber();
                String text = String.join(",", row.values());
                if (!row.isConsistent()) {
                    r.problems.reject(file, line, "wrong-column-count", text);
                    continue;
                }
                long start = Times.utc(row.get("start_utc")), end = Times.utc(row.get("end_utc"));
                String customer = row.get(field).strip();
                if (!Ip.parse(row.get("address"), address)) r.problems.reject(file, line, "bad-address", text);
                else if (start == Times.BAD || end == Times.BAD) r.problems.reject(file, line, "bad-time", text);
                else if (end < start) r.problems.reject(file, line, "ends-before-start", text);
                else if (customer.isEmpty()) r.withoutClient++;
                else r.hold(file, line, text, address, start, end, customer);
            }
        } catch (UncheckedIOException | IllegalArgumentException e) {
            r.problems.reject(file, -1, "bad-csv", e.getMessage());
        }
    }
}
