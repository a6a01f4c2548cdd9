package org.wormsign.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.wormsign.isp.IspFindings;

/**
 * The report's section for an ISP's abuse desk, chosen from the findings and bounded like the rest of the
 * page: the top customers, the share of attempts no customer data placed, how far addresses over-count hosts
 * (CAIDA: beyond a day, unique addresses stop counting infected hosts on DHCP networks), and per UTC day how
 * many customers sent each variant.
 */
public record IspSection(List<IspFindings.CustomerRow> top, long customers, long attempts, long unattributed,
                         long byLease, long byPrefix, long addresses, long hosts, long networks, long dynamicNetworks,
                         List<Day> days, long daysAll) {
    public static final int TOP_CUSTOMERS = 20;
    public static final int DAYS = 62;

    /** Customers sending Code Red I and Code Red II on a UTC day. */
    public record Day(String day, long codeRed, long codeRedII) {}

    public static IspSection of(IspFindings isp) {
        List<IspFindings.CustomerRow> rows = isp.customers();
        IspFindings.CustomerRow rest = rows.get(rows.size() - 1);
        List<IspFindings.CustomerRow> customers = rows.subList(0, rows.size() - 1);
        long attempts = rows.stream().mapToLong(IspFindings.CustomerRow::attempts).sum();
        long[] counts = IspOutputs.addressesAndHosts(isp);
        List<IspFindings.NetworkRow> networks = isp.networks();
        List<Day> days = new ArrayList<>();
        for (Map.Entry<Long, long[]> d : isp.customersPerDay().entrySet()) {
            if (days.size() == DAYS) break;
            days.add(new Day(Times.day(d.getKey()), d.getValue()[0], d.getValue()[1]));
        }
        return new IspSection(List.copyOf(customers.subList(0, Math.min(TOP_CUSTOMERS, customers.size()))), customers.size(),
                attempts, rest.attempts(), isp.attributedByLease(), isp.attributedByPrefix(), counts[0], counts[1], networks.size(),
                networks.stream().filter(IspFindings.NetworkRow::dynamic).count(), days, isp.customersPerDay().size());
    }

    /** "12.5%" of all attempts. */
    public String share(long part) {
        return attempts == 0 ? "0%" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / attempts);
    }

    /** Addresses per host, "1.8": how far counting addresses over-counts. */
    public String overCount() {
        return hosts == 0 ? "1.0" : String.format(Locale.ROOT, "%.1f", (double) addresses / hosts);
    }
}
