package org.wormsign.report;

/**
 * Makes text safe in a notice, which a mail client shows (and a desk may paste into a message's headers): a
 * value becomes one line of printable text. Line breaks of every kind (CR, LF, NEL, U+2028, U+2029) would
 * let log text start a header or a line of its own ("Bcc: …"); other control characters, bidirectional
 * overrides (which can show text in another order than it is) and the BOM would let it hide or disguise
 * itself. Each becomes {@code \xHH} (or, past Latin-1, a backslash, {@code u} and its code point in braces), visibly, as log lines are written elsewhere.
 */
public final class MailText {
    private MailText() {}

    public static String line(String s) {
        if (s == null) return "";
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = c < 0x20 || c >= 0x7f && c < 0xa0 || c == 0x2028 || c == 0x2029 || c == 0xFEFF
                    || c >= 0x200B && c <= 0x200F || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069;
            if (bad && b == null) b = new StringBuilder(s.length() + 16).append(s, 0, i);
            if (b == null) continue;
            if (!bad) b.append(c);
            else if (c < 0x100) b.append(String.format("\\x%02x", (int) c));
            else b.append(String.format("\\u{%04x}", (int) c));
        }
        return b == null ? s : b.toString();
    }
}
