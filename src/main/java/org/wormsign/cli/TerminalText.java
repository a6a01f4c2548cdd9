package org.wormsign.cli;

/**
 * Makes text safe to print on a terminal: control characters, including ESC that starts terminal escape
 * sequences, become {@code \xHH}. File names and log text are attacker-controlled.
 */
public final class TerminalText {
    private TerminalText() {}

    public static String clean(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' || c >= 0x7f && c < 0xa0 || c == '\u202e' || c == '\u202d' || c == '\u2066' || c == '\u2067' || c == '\u2068' || c == '\u2069') {
                sb.append(String.format("\\x%02x", (int) c & 0xff));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
