package org.wormsign.report;

/**
 * Makes log-derived text safe in a CSV cell. A cell that a spreadsheet would read as a formula (OWASP "CSV
 * Injection": {@code = + - @}, tab or CR first) gets a leading apostrophe; control characters (a file name
 * may hold ESC, which {@code cat evidence.csv} would hand to the terminal) become {@code \xHH}, as in raw
 * log text. Every log-derived string goes through here on its way to CSV.
 */
public final class CsvCells {
    private CsvCells() {}

    public static String safe(String s) {
        if (s == null || s.isEmpty()) return s;
        String text = withoutControls(s);
        char c = s.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + text : text;
    }

    private static String withoutControls(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 && c != '\t' || c >= 0x7f && c < 0xa0;
            if (control && sb == null) sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            if (sb == null) continue;
            if (control) sb.append(String.format("\\x%02x", (int) c));
            else sb.append(c);
        }
        return sb == null ? s : sb.toString();
    }
}
