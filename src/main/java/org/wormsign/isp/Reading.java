package org.wormsign.isp;

import java.util.Map;

/**
 * What the readers of one load share: the customers named so far, the two indexes being gathered, what could
 * not be read, the field naming the customer per format, and the RADIUS sessions, which span files.
 */
final class Reading {
    final Customers customers = new Customers();
    final PrefixTable.Builder prefixes = new PrefixTable.Builder();
    final LeaseIndex.Builder leases = new LeaseIndex.Builder();
    final ReadProblems problems = new ReadProblems();
    final RadiusSessions radius;
    private final Map<CustomerFormat, String> fields;
    /** Lease blocks, rows and sessions that name no client (abandoned, backup, declined): not holdings. */
    long withoutClient;
    /** dhcpd declarations that are not leases ({@code host}, {@code failover peer}, {@code class}): passed over. */
    long declarations;

    Reading(Map<CustomerFormat, String> fields, long interimSeconds) {
        this.fields = fields;
        this.radius = new RadiusSessions(this, interimSeconds);
    }

    /** The field naming the customer in {@code format}: as chosen, else the format's default. */
    String field(CustomerFormat format) {
        return fields.getOrDefault(format, format.defaultField());
    }

    /** A holding read from {@code file}; one outside the times the index holds is a reject. */
    void hold(String file, long line, String text, long[] address, long start, long end, String customer) {
        if (!leases.hold(address[0], address[1], start, end, customers.id(customer))) {
            problems.reject(file, line, "time-out-of-range", text);
        }
    }

    void ending(String file, long line, String text, long[] address, long at, String customer) {
        if (!leases.ending(address[0], address[1], at, customers.id(customer))) {
            problems.reject(file, line, "time-out-of-range", text);
        }
    }

    /**
     * Whether a CSV header names every column a format needs (the customer's among them); if not, the whole
     * file is one reject at its line 1 saying which are missing.
     */
    boolean hasColumns(Map<String, Integer> header, String file, String... columns) {
        java.util.List<String> missing = java.util.Arrays.stream(columns).filter(c -> !header.containsKey(c)).toList();
        if (missing.isEmpty()) return true;
        problems.reject(file, 1, "missing-column", "no column " + String.join(", ", missing) + " in the header");
        return false;
    }

    /** A MAC address as Kea writes it: lower case, two digits a byte, colons (dhcpd may write {@code 0:c:29:…}). */
    static String mac(String text) {
        String t = text.strip();
        String[] parts = t.split("[:-]");
        if (parts.length < 2) return t.toLowerCase(java.util.Locale.ROOT);
        StringBuilder b = new StringBuilder(parts.length * 3);
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 2 || !p.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
                return t.toLowerCase(java.util.Locale.ROOT);
            }
            if (b.length() > 0) b.append(':');
            if (p.length() == 1) b.append('0');
            b.append(p.toLowerCase(java.util.Locale.ROOT));
        }
        return b.toString();
    }
}
