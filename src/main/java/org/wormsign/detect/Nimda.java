package org.wormsign.detect;

/**
 * The Nimda family (September 2001) and the probes that use Code Red II's backdoor, per DOMAIN.md:
 * {@code root.exe} and {@code cmd.exe} anywhere in the path, {@code /scripts/Admin.dll}, and directory traversal
 * ({@code ..} followed by an encoded or raw separator) under {@code /scripts/}, {@code /_vti_bin/},
 * {@code /_mem_bin/} and {@code /msadc/}. FrontPage and RDS paths alone are legitimate.
 */
final class Nimda {
    private Nimda() {}

    private static final String[] TRAVERSAL_ROOTS = {"/scripts/", "/_vti_bin/", "/_mem_bin/", "/msadc/"};

    /**
     * One pass over the path for its dots (this runs on every clean record): a backdoor's name is a dot and
     * {@code exe} or {@code dll}, and a traversal needs {@code ..}, so a path with neither is not Nimda's.
     */
    static boolean matches(byte[] b, int from, int to) {
        boolean doubleDot = false;
        for (int p = from; p < to; p++) {
            if (b[p] != '.') continue;
            if (p + 1 < to && b[p + 1] == '.') doubleDot = true;
            if (p + 4 > to) continue;
            int c1 = Ascii.lower(b[p + 1]);
            if (c1 == 'e' && Ascii.lower(b[p + 2]) == 'x' && Ascii.lower(b[p + 3]) == 'e') {
                if (Ascii.regionIgnoreCase(b, p - 4, to, "root") || Ascii.regionIgnoreCase(b, p - 3, to, "cmd")) return true;
            } else if (c1 == 'd' && Ascii.lower(b[p + 2]) == 'l' && Ascii.lower(b[p + 3]) == 'l') {
                // Admin.dll only under /scripts/ (Nimda's copy): FrontPage has an admin.dll of its own in /_vti_bin/_vti_adm/.
                if (Ascii.regionIgnoreCase(b, p - 5, to, "admin") && Ascii.regionIgnoreCase(b, from, to, "/scripts/")) return true;
            }
        }
        return doubleDot && traversesFromScriptRoot(b, from, to);
    }

    private static boolean traversesFromScriptRoot(byte[] b, int from, int to) {
        boolean underRoot = false;
        for (String root : TRAVERSAL_ROOTS) {
            if (Ascii.regionIgnoreCase(b, from, to, root)) { underRoot = true; break; }
        }
        if (!underRoot) return false;
        for (int p = from; p + 2 < to; p++) {
            if (b[p] == '.' && b[p + 1] == '.') {
                int next = b[p + 2] & 0xff;
                // %255c, %c0%af, %%35c, …: encoded; '\' and raw 0xC0 0xAF: as IIS logs them once decoded.
                if (next == '%' || next == '\\' || next >= 0x80) return true;
            }
        }
        return false;
    }
}
