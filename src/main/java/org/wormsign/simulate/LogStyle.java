package org.wormsign.simulate;

/** The log formats the monitored servers write, and how their daily files are named. */
enum LogStyle {
    /** IIS W3C extended: directives, UTC times, CRLF; {@code exYYMMDD.log} by UTC day ({@code extend1.log} unrotated). */
    IIS_W3C,
    /** IIS's own comma-separated format in local time, CRLF; {@code inYYMMDD.log} by local day ({@code inetsv1.log}). */
    IIS_NATIVE,
    /** NCSA common ({@code %h %l %u %t "%r" %>s %b}); {@code access_log.YYYY-MM-DD} by local day (rotatelogs). */
    NCSA_COMMON,
    /** Apache combined; {@code access_log.YYYY-MM-DD}. */
    APACHE_COMBINED,
    /** nginx combined; {@code access.log-YYYYMMDD} (logrotate's dateext). */
    NGINX_COMBINED;

    /** Whether the file's days (and its times) are UTC rather than the server's local time. */
    boolean utcDays() { return this == IIS_W3C; }

    String dailyName(java.time.LocalDate d) {
        int y = d.getYear(), m = d.getMonthValue(), day = d.getDayOfMonth();
        switch (this) {
            case IIS_W3C: return String.format("ex%02d%02d%02d.log", y % 100, m, day);
            case IIS_NATIVE: return String.format("in%02d%02d%02d.log", y % 100, m, day);
            case NGINX_COMBINED: return String.format("access.log-%04d%02d%02d", y, m, day);
            default: return String.format("access_log.%04d-%02d-%02d", y, m, day);
        }
    }

    String singleName() {
        switch (this) {
            case IIS_W3C: return "extend1.log";
            case IIS_NATIVE: return "inetsv1.log";
            case NGINX_COMBINED: return "access.log";
            default: return "access_log";
        }
    }

    /** The style a format name means (as {@link #formatName()} writes it and the analyzer calls the format). */
    static LogStyle byFormatName(String name) {
        for (LogStyle s : values()) if (s.formatName().equals(name.trim().toLowerCase(java.util.Locale.ROOT))) return s;
        throw new IllegalArgumentException("unknown log format '" + name + "'; known: " + formatNames());
    }

    static String formatNames() {
        StringBuilder b = new StringBuilder();
        for (LogStyle s : values()) b.append(b.length() == 0 ? "" : ", ").append(s.formatName());
        return b.toString();
    }

    String formatName() {
        switch (this) {
            case IIS_W3C: return "iis-w3c";
            case IIS_NATIVE: return "iis-native";
            case NCSA_COMMON: return "apache-common";
            case APACHE_COMBINED: return "apache-combined";
            default: return "nginx-combined";
        }
    }
}
