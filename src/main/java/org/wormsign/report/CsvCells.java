package org.wormsign.report;

/**
 * Neutralises spreadsheet formula injection (OWASP "CSV Injection"): a cell that a spreadsheet would read
 * as a formula gets a leading apostrophe. Every log-derived string goes through here on its way to CSV.
 */
public final class CsvCells {
    private CsvCells() {}

    public static String safe(String s) {
        if (s == null || s.isEmpty()) return s;
        char c = s.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + s : s;
    }
}
