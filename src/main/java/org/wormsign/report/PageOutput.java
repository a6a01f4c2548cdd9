package org.wormsign.report;

import gg.jte.TemplateOutput;
import gg.jte.html.OwaspHtmlTemplateOutput;

/**
 * How the page's templates write log text: JTE's contextual escaping (HTML text, double-quoted attribute,
 * script block; a {@code javascript:} or {@code data:} link dropped), after control characters have become
 * U+FFFD. A log line's ESC, BEL or NUL is not markup, but it has no business on the page either: a reader who
 * copies a cell into a terminal must not copy an escape sequence with it.
 */
final class PageOutput extends OwaspHtmlTemplateOutput {
    PageOutput(TemplateOutput out) {
        super(out);
    }

    @Override
    public void writeUserContent(String value) {
        super.writeUserContent(value == null ? null : withoutControls(value));
    }

    /** {@code value} with every C0 control but tab, and DEL, replaced by U+FFFD; the same String when it has none. */
    static String withoutControls(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (isControl(value.charAt(i))) return replaceControls(value, i);
        }
        return value;
    }

    private static String replaceControls(String value, int from) {
        StringBuilder sb = new StringBuilder(value.length()).append(value, 0, from);
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            sb.append(isControl(c) ? '\uFFFD' : c);
        }
        return sb.toString();
    }

    private static boolean isControl(char c) {
        return c < 0x20 && c != '\t' || c == 0x7f;
    }
}
