package org.wormsign.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link DecodedStem} against a plain decoder written here from the rule (decode {@code %uXXXX}, else
 * {@code %XX}, left to right, once; anything else as it is), which shares no code with it.
 */
class DecodedStemTest {

    /** The rule, the obvious way: the whole stem decoded into a String of UTF-16 code units. */
    static String reference(String raw) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '%' && i + 6 <= raw.length() && (raw.charAt(i + 1) == 'u' || raw.charAt(i + 1) == 'U')
                    && isHex(raw.substring(i + 2, i + 6))) {
                out.append((char) Integer.parseInt(raw.substring(i + 2, i + 6), 16));
                i += 6;
            } else if (c == '%' && i + 3 <= raw.length() && isHex(raw.substring(i + 1, i + 3))) {
                out.append((char) Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    static boolean isHex(String s) {
        return s.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 0x80);
    }

    static byte[] bytes(String s) { return s.getBytes(StandardCharsets.ISO_8859_1); }

    static boolean endsWith(String raw, String suffix) {
        byte[] b = bytes(raw);
        return DecodedStem.endsWithIgnoreCase(b, 0, b.length, suffix);
    }

    static boolean decodesTo(String raw, String name) {
        byte[] b = bytes(raw);
        return DecodedStem.equals(b, 0, b.length, bytes(name));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "/default.id%u0061|/default.ida",
            "/default.id%U0061|/default.ida",
            "/default.%69da|/default.ida",
            "/%64efault.ida|/default.ida",
            "/defau%6Ct.ida|/default.ida",
            "/defau%6ct.ida|/default.ida",
            "%2fdefault.ida|/default.ida",
            "/default.%2569da|/default.%69da",
            "/default.%%369da|/default.%69da",
            "/default.id%25u0061|/default.id%u0061",
            "/default.id%u006|/default.id%u006",
            "/default.id%u00g1|/default.id%u00g1",
            "/default.id%6|/default.id%6",
            "/default.id%zz|/default.id%zz",
            "/%zzdefault.id%u0061|/%zzdefault.ida",
            "/default.id%u0161|/default.id\u0161",
            "/default.id%uFF41|/default.id\uff41",
            "/default+ida|/default+ida"})
    void examplesOfTheRule(String raw, String decoded) {
        assertEquals(decoded, reference(raw), "the reference itself");
        assertEquals(decoded.equals("/default.ida"), decodesTo(raw, "/default.ida"));
        assertEquals(decoded.toLowerCase(Locale.ROOT).endsWith(".ida"), endsWith(raw, ".ida"));
    }

    @Test
    void everyCharacterEncodedAtItsLongestIsStillTheName() {
        StringBuilder all = new StringBuilder();
        for (char c : "/default.ida".toCharArray()) all.append(String.format("%%u%04x", (int) c));
        assertEquals(72, all.length(), "twelve characters of six bytes: the longest stem that can be the name");
        assertTrue(decodesTo(all.toString(), "/default.ida"));
        assertFalse(decodesTo(all + "%41", "/default.ida"));
        assertFalse(decodesTo("/" + all, "/default.ida"), "73 bytes");
    }

    /**
     * A megabyte of escapes: the answers need only the stem's two ends, whatever lies between (the
     * suffix is read backwards, and a stem longer than 72 bytes cannot be a 12-character name).
     */
    @Test
    void aHugeStemIsAnsweredFromItsEnds() {
        String escapes = "%41".repeat(350_000);
        assertFalse(endsWith(escapes, ".ida"));
        assertTrue(endsWith(escapes + "%2Eid%u0061", ".ida"));
        assertTrue(endsWith("%u0061".repeat(175_000) + "%2e%69%64%71", ".idq"));
        assertFalse(decodesTo("/default.ida" + escapes, "/default.ida"));
        assertFalse(decodesTo(escapes + "/default.ida", "/default.ida"));
    }

    @Test
    void aCleanStemIsNotDecoded() {
        for (String clean : new String[] {"/index.html", "/images/logo.gif", "/a", "", "/search.asp", "/%", "/x%4"}) {
            byte[] b = bytes(clean);
            assertFalse(DecodedStem.mayEndInEscape(b, 0, b.length), clean);
        }
        for (String encoded : new String[] {"/default.id%u0061", "/default.%69da", "/x%2eida", "/x%2Eid%71", "/x.id%51", "/x%2eidq", "/x%u002eIDQ"}) {
            byte[] b = bytes(encoded);
            assertTrue(DecodedStem.mayEndInEscape(b, 0, b.length), encoded);
        }
    }

    static final String[] PIECES = {"%", "u", "U", "0", "6", "1", "9", "a", "A", "f", "q", "g", "z", ".", "/", "i", "d", "%2", "%u00",
            "%u006", "%25", "%61", "%u0061", "%2e", "%69", "%64", "%71", "%uFF41", "\u00c0", "default"};

    /** Some pieces: escapes valid, invalid and cut, their parts, and plain bytes. */
    static String noise(Random random, int most) {
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(most + 1); i > 0; i--) s.append(PIECES[random.nextInt(PIECES.length)]);
        return s.toString();
    }

    /** {@code name} with each character as it is, {@code %XX} or {@code %uXXXX} (hex in either case), now and then noise around. */
    static String encode(Random random, String name) {
        StringBuilder s = new StringBuilder(random.nextInt(4) == 0 ? noise(random, 2) : "");
        for (char c : name.toCharArray()) {
            String hex = switch (random.nextInt(3)) {
                case 0 -> String.valueOf(c);
                case 1 -> String.format("%%%02x", (int) c);
                default -> String.format("%%%s%04x", random.nextBoolean() ? "u" : "U", (int) c);
            };
            s.append(hex.length() == 1 || random.nextBoolean() ? hex : hex.toUpperCase(Locale.ROOT).replace("%U", random.nextBoolean() ? "%u" : "%U"));
            if (random.nextInt(20) == 0) s.append(noise(random, 1));
        }
        return s.toString();
    }

    /**
     * Random stems, half noise, half an Index Server name encoded at random: both directions and the cheap
     * test agree with the reference.
     */
    @Test
    void agreesWithTheReferenceOnRandomStems() {
        String[] names = {"/default.ida", "/x.IDA", "/null.idq", ".ida"};
        Random random = new Random(15);
        int endsIda = 0, defaultIda = 0;
        for (int n = 0; n < 50_000; n++) {
            String stem = random.nextBoolean() ? noise(random, 12) : encode(random, names[random.nextInt(names.length)]);
            String decoded = reference(stem);
            String lower = decoded.toLowerCase(Locale.ROOT);
            byte[] b = bytes(stem);
            for (String suffix : new String[] {".ida", ".idq", "a", "%6", ""}) {
                boolean expected = lower.endsWith(suffix) && endsAscii(decoded, suffix.length());
                assertEquals(expected, DecodedStem.endsWithIgnoreCase(b, 0, b.length, suffix), stem + " ends with " + suffix);
            }
            boolean index = (lower.endsWith(".ida") || lower.endsWith(".idq")) && endsAscii(decoded, 4);
            String raw = stem.toLowerCase(Locale.ROOT);
            if (index && !raw.endsWith(".ida") && !raw.endsWith(".idq")) {
                assertTrue(DecodedStem.mayEndInEscape(b, 0, b.length), stem + ": the cheap test must not rule it out");
            }
            if (lower.endsWith(".ida") && endsAscii(decoded, 4)) endsIda++;
            for (String name : new String[] {"/default.ida", decoded, "a", ""}) {
                if (!name.chars().allMatch(c -> c < 0x80)) continue;
                assertEquals(decoded.equals(name), DecodedStem.equals(b, 0, b.length, bytes(name)), stem + " is " + name);
            }
            if (decoded.equals("/default.ida")) defaultIda++;
        }
        assertTrue(endsIda > 5_000 && defaultIda > 1_000, "the random stems reach the cases: " + endsIda + ", " + defaultIda);
    }

    /** The reference lower-cases every code unit; the decoder compares only ASCII ones: the same on ASCII. */
    static boolean endsAscii(String decoded, int n) {
        return decoded.substring(decoded.length() - n).chars().allMatch(c -> c < 0x80);
    }
}
