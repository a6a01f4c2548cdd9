package org.wormsign.report;

/** Escaping for HTML text and double-quoted attribute values: the only way log text enters the page. */
public final class Html {
    private Html() {}

    public static String escape(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&': sb.append("&amp;"); break;
                case '<': sb.append("&lt;"); break;
                case '>': sb.append("&gt;"); break;
                case '"': sb.append("&quot;"); break;
                case '\'': sb.append("&#39;"); break;
                default:
                    if (c < 0x20 && c != '\t' || c == 0x7f) sb.append("&#xfffd;");
                    else sb.append(c);
            }
        }
        return sb.toString();
    }
}
