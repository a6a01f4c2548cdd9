package org.wormsign.isp;

import java.util.Locale;

/**
 * The five kinds of customer data an ISP has, each found by its first lines ({@link #detect}) or named
 * ({@code --leases kea:FILE}), with the field that names the customer by default (README, "ISP abuse desk").
 */
public enum CustomerFormat {
    /** {@code prefix,customer[,name,contact]}: CIDR prefixes or {@code first-last} ranges, the longest prefix winning. */
    STATIC("static", "customer"),
    /** ISC dhcpd's {@code dhcpd.leases} (dhcpd.leases(5)), read as a history: every lease block is a period. */
    DHCPD("dhcpd", "hardware-ethernet"),
    /** Kea's memfile {@code kea-leases4.csv}: a row holds {@code [expire - valid_lifetime, expire)}. */
    KEA("kea", "hwaddr"),
    /** FreeRADIUS accounting {@code detail} files: sessions from Start to Stop. */
    RADIUS("radius", "User-Name"),
    /** {@code address,start_utc,end_utc,customer}. */
    PLAIN("plain", "customer");

    private final String name;
    private final String defaultField;

    CustomerFormat(String name, String defaultField) {
        this.name = name;
        this.defaultField = defaultField;
    }

    public String formatName() { return name; }

    public String defaultField() { return defaultField; }

    public static CustomerFormat byName(String name) {
        for (CustomerFormat f : values()) if (f.name.equals(name.toLowerCase(Locale.ROOT))) return f;
        return null;
    }

    /**
     * The format of a file from its first lines that are neither blank nor comments; null if none fits.
     * {@code firstLine} is its very first line (dhcpd writes a comment naming its man page there).
     */
    static CustomerFormat detect(String firstLine, String firstStatement) {
        if (firstLine != null && firstLine.contains("dhcpd.leases(5)")) return DHCPD;
        if (firstStatement == null) return null;
        String s = firstStatement.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("lease ") || lower.startsWith("authoring-byte-order") || lower.startsWith("server-duid")
                || lower.startsWith("failover ") || lower.startsWith("ia-na ") || lower.startsWith("ia-ta ")
                || lower.startsWith("ia-pd ") || lower.startsWith("host ")) return DHCPD;
        if (lower.startsWith("address,") && lower.contains("valid_lifetime") && lower.contains("expire")) return KEA;
        if (lower.startsWith("address,") && lower.contains("start_utc") && lower.contains("end_utc")) return PLAIN;
        if (lower.startsWith("prefix,")) return STATIC;
        // A detail file's record opens with a ctime date at the start of a line: "Mon Jul 23 12:00:00 2001".
        if (s.matches("[A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9]?[0-9] \\d\\d:\\d\\d:\\d\\d \\d{4}")) return RADIUS;
        // A headerless prefix list: its first cell is a prefix, a range or an address.
        int comma = s.indexOf(',');
        if (comma > 0 && Ip.parseBlock(s.substring(0, comma), new long[4])) return STATIC;
        return null;
    }
}
