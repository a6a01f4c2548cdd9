package org.wormsign.isp;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Kea's memfile lease file, {@code kea-leases4.csv} (Kea ARM, "Memfile - Basic Storage for Leases"): a header
 * {@code address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context[,pool_id]},
 * then one row per lease update, appended. Every row is a period: the lease covers
 * {@code [expire - valid_lifetime, expire)}. A row with {@code valid_lifetime} 0 (Kea writes one when a lease
 * is released) ends the client's holding at {@code expire}. A row that names no client (state 1, declined,
 * has no hwaddr) is no holding. Columns are found by the header, so later Kea versions' extra columns and
 * {@code kea-leases6.csv}'s order (with {@code --customer-field kea=duid}) read the same.
 */
final class KeaLeasesReader {
    private KeaLeasesReader() {}

    static void read(Reader in, String file, Reading r) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).get();
        String field = r.field(CustomerFormat.KEA);
        boolean mac = "hwaddr".equals(field);
        long[] address = new long[2];
        try (CSVParser p = CSVParser.parse(in, format)) {
            Map<String, Integer> header = p.getHeaderMap();
            if (!r.hasColumns(header, file, "address", "valid_lifetime", "expire", field)) return;
            int columns = header.size();
            for (CSVRecord row : p) {
                long line = p.getCurrentLineNumber();
                String text = String.join(",", row.values());
                // Kea may append columns in a later version; fewer than the header says is a cut row.
                if (row.size() < columns) {
                    r.problems.reject(file, line, "wrong-column-count", text);
                    continue;
                }
                long valid = Times.seconds(row.get("valid_lifetime")), expire = Times.seconds(row.get("expire"));
                String customer = row.get(field).strip();
                if (!Ip.parse(row.get("address"), address)) r.problems.reject(file, line, "bad-address", text);
                else if (valid == Times.BAD || expire == Times.BAD) r.problems.reject(file, line, "bad-time", text);
                else if (valid > expire) r.problems.reject(file, line, "ends-before-start", text);
                else if (customer.isEmpty()) r.withoutClient++;
                else {
                    String client = mac ? Reading.mac(customer) : customer;
                    if (valid == 0) r.ending(file, line, text, address, expire, client);
                    else r.hold(file, line, text, address, expire - valid, expire, client);
                }
            }
        } catch (UncheckedIOException | IllegalArgumentException e) {
            r.problems.reject(file, -1, "bad-csv", e.getMessage());
        }
    }
}
