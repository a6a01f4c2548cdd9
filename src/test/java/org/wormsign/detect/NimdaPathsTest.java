package org.wormsign.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Nimda's path rules (DOMAIN.md) written plainly, on strings, against the one-pass byte matcher: random
 * paths made of the pieces that matter (backdoor names in any case, roots, traversals with every kind of
 * separator, look-alikes) must get the same answer from both.
 */
class NimdaPathsTest {
    private static final String[] PIECES = {"/", "/scripts/", "/SCRIPTS/", "/_vti_bin/", "/_mem_bin/", "/msadc/", "/MSADC/",
        "/_vti_bin/_vti_adm/", "root.exe", "ROOT.EXE", "cmd.exe", "Cmd.Exe", "admin.dll", "Admin.dll", "x.dll", "a.exe",
        "..", "..%255c", "..%c0%af", "..\\", "..\u00c0\u00af", "..%%35c", "../", ".", "..", "e", "exe", "dll", "winnt/system32/",
        "index.html", "default.ida", "root", "cmd", "admin", "%2e%2e"};

    /** The rules as DOMAIN.md states them. */
    private static boolean byTheRules(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.contains("root.exe") || lower.contains("cmd.exe")) return true;
        if (lower.startsWith("/scripts/") && lower.contains("admin.dll")) return true;
        boolean underRoot = lower.startsWith("/scripts/") || lower.startsWith("/_vti_bin/") || lower.startsWith("/_mem_bin/")
                || lower.startsWith("/msadc/");
        if (!underRoot) return false;
        for (int i = 0; i + 2 < path.length(); i++) {
            if (path.charAt(i) == '.' && path.charAt(i + 1) == '.') {
                char next = path.charAt(i + 2);
                if (next == '%' || next == '\\' || next >= 0x80) return true;
            }
        }
        return false;
    }

    @Test
    void oneByteMatcherAgreesWithTheRules() {
        SplittableRandom r = new SplittableRandom(9);
        int nimda = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = r.nextInt(6); k >= 0; k--) sb.append(PIECES[r.nextInt(PIECES.length)]);
            String path = sb.toString();
            byte[] b = ("GET " + path).getBytes(StandardCharsets.ISO_8859_1);
            boolean expected = byTheRules(path);
            if (expected) nimda++;
            assertEquals(expected, Nimda.matches(b, 4, b.length), path);
        }
        // Both answers must be common, or the comparison proves little.
        org.junit.jupiter.api.Assertions.assertTrue(nimda > 20_000 && nimda < 180_000, "Nimda paths: " + nimda);
    }
}
