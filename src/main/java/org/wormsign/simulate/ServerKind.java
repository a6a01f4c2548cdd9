package org.wormsign.simulate;

import java.time.ZoneId;
import java.util.Locale;

/**
 * The monitored servers: how each kind answers the worms (DOMAIN.md, "How each server logs them"), the log
 * it writes, and the time zone of its clock. Statuses: 0 means the server writes no line at all (a vulnerable
 * IIS: the worm takes the request thread).
 */
enum ServerKind {
    /** IIS with {@code .ida} not mapped: 404 to both variants; W3C extended log, UTC, rotated at UTC midnight. */
    IIS_UNMAPPED("iis-unmapped", LogStyle.IIS_W3C, "UTC", 404, 404, "www.example.com"),
    /** IIS mapped and patched: 200 to both (a 200 is not proof of infection); IIS native log in local time. */
    IIS_PATCHED("iis-patched", LogStyle.IIS_NATIVE, "America/New_York", 200, 200, "intranet.example.org"),
    /** IIS vulnerable: no line for either variant; only its ordinary traffic and Nimda reach its W3C log. */
    IIS_VULNERABLE("iis-vulnerable", LogStyle.IIS_W3C, "UTC", 0, 0, "shop.example.net"),
    /** Apache 1.3: 400 to Code Red I (the folded Host header), 404 to Code Red II; NCSA common log. */
    APACHE_1_3("apache-1.3", LogStyle.NCSA_COMMON, "America/Los_Angeles", 400, 404, "www.example.edu"),
    /** Apache 2.4.25 or later ({@code HttpProtocolOptions Strict}): 400 to both; combined log. */
    APACHE_2_4("apache-2.4", LogStyle.APACHE_COMBINED, "Europe/Berlin", 400, 400, "www.example.de"),
    /** nginx: 400 to Code Red I, 404 to Code Red II; nginx's combined log (an empty body logged as 0). */
    NGINX("nginx", LogStyle.NGINX_COMBINED, "UTC", 400, 404, "static.example.net");

    final String id;
    final LogStyle style;
    final ZoneId zone;
    final int codeRedStatus, codeRedIIStatus;
    /** The site's name, for the Referer of its own pages. */
    final String site;

    ServerKind(String id, LogStyle style, String zone, int codeRedStatus, int codeRedIIStatus, String site) {
        this.id = id;
        this.style = style;
        this.zone = ZoneId.of(zone);
        this.codeRedStatus = codeRedStatus;
        this.codeRedIIStatus = codeRedIIStatus;
        this.site = site;
    }

    static ServerKind byId(String id) {
        for (ServerKind k : values()) if (k.id.equals(id.toLowerCase(Locale.ROOT))) return k;
        throw new IllegalArgumentException("unknown server kind '" + id + "'; known: " + ids());
    }

    static String ids() {
        StringBuilder b = new StringBuilder();
        for (ServerKind k : values()) b.append(b.length() == 0 ? "" : ", ").append(k.id);
        return b.toString();
    }

    boolean iis() { return style == LogStyle.IIS_W3C || style == LogStyle.IIS_NATIVE; }

    /** The status a Code Red request gets (0: not logged). */
    int wormStatus(int probeKind) {
        return probeKind == ProbeLog.CODE_RED ? codeRedStatus : codeRedIIStatus;
    }

    /**
     * Nimda: Apache and nginx refuse the {@code %%} escapes with 400 and do not find the rest (404), as in the
     * real 2004 Apache log; IIS finds none of it, except a vulnerable IIS, which serves the traversals.
     */
    int nimdaStatus(Request r) {
        if (iis()) return this == IIS_VULNERABLE && r.traversal ? 200 : 404;
        return r.badEscape ? 400 : 404;
    }

    /** The size of an error page: Apache 1.3 quotes the decoded path in its 404 page (real logs: 271 + length). */
    int errorBytes(int status, Request r, boolean wormCodeRed) {
        switch (this) {
            case APACHE_1_3:
                if (status == 404) return 271 + r.decodedPathLength;
                return wormCodeRed ? 326 : 293;
            case APACHE_2_4:
                return status == 404 ? 196 : 226;
            case NGINX:
                return status == 404 ? 153 : 157;
            default:
                return status == 200 ? 178 : 3_243;
        }
    }
}
