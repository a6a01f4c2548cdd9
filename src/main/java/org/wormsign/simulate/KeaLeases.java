package org.wormsign.simulate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Holdings as Kea's memfile lease database writes them ({@code kea-leases4.csv}, the columns of Kea 2.6's
 * {@code CSVLeaseFile4}): a row appended for every grant and renewal, covering
 * [expire - valid_lifetime, expire) in Unix seconds; when the client releases its address, a row with
 * valid_lifetime 0 and the release as its expire. {@code subnet_id} numbers the ISP's /16s from 1.
 */
final class KeaLeases {
    private KeaLeases() {}

    static final String FILE = "kea-leases4.csv";
    static final String[] HEADER = {"address", "hwaddr", "client_id", "valid_lifetime", "expire", "subnet_id", "fqdn_fwd",
        "fqdn_rev", "hostname", "state", "user_context", "pool_id"};

    private record Row(long written, int address, long validLifetime, long expire, int host) {}

    static void write(Path folder, Isp isp, List<Isp.Holding> holdings, Map<Integer, Integer> subnets) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (Isp.Holding x : holdings) {
            long[] grants = Renewals.of(x.start(), x.end());
            for (int i = 0; i < grants.length; i += 2) rows.add(new Row(grants[i], x.address(), grants[i + 1] - grants[i], grants[i + 1], x.host()));
            // The release, when the client moved on: before any grant of the same second (the next holder's).
            rows.add(new Row(x.end(), x.address(), 0, x.end(), x.host()));
        }
        rows.sort(Comparator.comparingLong(Row::written).thenComparingInt(Row::address).thenComparing(r -> r.validLifetime() != 0));
        // Kea writes no quotes: its own escaping (&#x2c for a comma) is for hostnames, and ours hold none.
        TruthFiles.writeText(folder.resolve(FILE), w -> {
            w.write(String.join(",", HEADER));
            w.write('\n');
            for (Row r : rows) {
                String mac = isp.customerOf(r.host());
                String name = Customers.hostname(isp.seed, r.host());
                w.write(LineBuffer.dotted(r.address()) + "," + mac + ",01:" + mac + "," + r.validLifetime() + "," + r.expire() + ","
                        + subnets.get(r.address() >>> 16) + ",0,0," + (name == null ? "" : name.toLowerCase(Locale.ROOT)) + ",0,,0\n");
            }
        });
    }
}
