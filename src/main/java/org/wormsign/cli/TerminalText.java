package org.wormsign.cli;

/**
 * Makes text safe to print on a terminal: file names and log text are attacker-controlled. Control
 * characters (ESC starts terminal escape sequences; CR and BS overwrite what was printed; LF would split a
 * one-line message), C1 controls (0x9B is a one-byte CSI on some terminals), Unicode format characters
 * (bidi overrides and isolates, zero-width joiners) that could make a name read as another, line and
 * paragraph separators, and unpaired surrogates are written as {@code \xHH}, or above 0xFF as backslash, u
 * and four hex digits.
 * Tab stays.
 */
public final class TerminalText {
    private TerminalText() {}

    public static String clean(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            if (unsafe(cp)) {
                sb.append(cp <= 0xff ? String.format("\\x%02x", cp) : String.format("\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
            i += n;
        }
        return sb.toString();
    }

    static boolean unsafe(int cp) {
        if (cp == '\t') return false;
        if (cp < 0x20 || cp >= 0x7f && cp < 0xa0) return true;
        int type = Character.getType(cp);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE || type == Character.PRIVATE_USE || type == Character.UNASSIGNED;
    }
}
