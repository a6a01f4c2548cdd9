package org.wormsign.detect;

import java.nio.charset.StandardCharsets;

import org.wormsign.format.ByteSearch;
import org.wormsign.format.LogRecord;

/**
 * The signature catalog: a pure function from a parsed request to its {@link Verdict}. Facts and their
 * sources are in DOMAIN.md; the byte strings below are the worm's own.
 */
public final class Classifier {
    private Classifier() {}

    /** Padding the worm sends after {@code /default.ida?}: 224 of one letter. */
    public static final int PADDING = 224;

    /**
     * The shortest run of N or X taken as Code Red when the rest is cut. 64 is long enough that no
     * legitimate query (or a search for "NNN…") plausibly has it, and short enough that a line cut at any
     * common limit (IIS and proxies cut at 256 or 512 bytes; the request is 362) still shows it.
     */
    public static final int MIN_RUN = 64;

    /** The 138 characters after the padding, identical in every copy of both variants. */
    public static final String TAIL = "%u9090%u6858%ucbd3%u7801%u9090%u6858%ucbd3%u7801%u9090%u6858%ucbd3%u7801"
            + "%u9090%u9090%u8190%u00c3%u0003%u8b00%u531b%u53ff%u0078%u0000%u00=a";

    private static final byte[] DEFAULT_IDA = "/default.ida".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAIL_BYTES = TAIL.getBytes(StandardCharsets.US_ASCII);
    /** The whole queries of the two variants, compared at once (a vectorised compare) before they are read byte by byte. */
    private static final byte[] CODE_RED_QUERY = ("N".repeat(PADDING) + TAIL).getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CODE_RED_II_QUERY = ("X".repeat(PADDING) + TAIL).getBytes(StandardCharsets.US_ASCII);

    public static Verdict classify(LogRecord r) {
        if (!r.hasPath()) return Verdict.CLEAN;
        byte[] b = r.bytes();
        int ps = r.pathStart(), pe = r.pathEnd();
        if (equals(b, ps, pe, DEFAULT_IDA)) return classifyDefaultIda(r, b);
        if (isIndexServerStem(b, ps, pe)) return isDefaultIda(b, ps, pe) ? classifyDefaultIda(r, b) : Verdict.OTHER_IDA;
        // Nimda reads the stem as logged: its signatures are the encoded forms themselves (DOMAIN.md).
        if (Nimda.matches(b, ps, pe)) return Verdict.NIMDA;
        return Verdict.CLEAN;
    }

    /**
     * Whether the request's path is the worm's, {@code /default.ida}, whatever its query: as logged or once
     * decoded, as IIS maps it ({@link DecodedStem}), so that it agrees with {@link #classify}.
     */
    public static boolean isDefaultIda(LogRecord r) {
        return r.hasPath() && isDefaultIda(r.bytes(), r.pathStart(), r.pathEnd());
    }

    /**
     * The worm's stem exactly, in its own lower case: DOMAIN.md gives its request byte for byte and says
     * nothing of IIS folding case, so {@code /DEFAULT.IDA} (which the worm never sends) stays an
     * {@code other-ida} request, as it was before stems were decoded. A decoded stem is the same name, so
     * {@code /default.id%u0061} with the worm's query is Code Red although the worm never encodes its path.
     */
    private static boolean isDefaultIda(byte[] b, int ps, int pe) {
        return equals(b, ps, pe, DEFAULT_IDA) || DecodedStem.equals(b, ps, pe, DEFAULT_IDA);
    }

    /**
     * Whether IIS hands the stem to Index Server: it ends with {@code .ida} or {@code .idq}, in any case (file
     * names are), as logged or once decoded. A stem that ends with either as logged ends with it decoded too
     * ({@code .} and {@code i} cannot be part of an escape), so the decoding is only for stems that do not,
     * and only when an escape is near the end ({@link DecodedStem#mayEndInEscape}): a clean stem costs a look
     * at its last byte and at most 7 more, and allocates nothing.
     */
    private static boolean isIndexServerStem(byte[] b, int ps, int pe) {
        if (endsWithIgnoreCase(b, ps, pe, ".ida") || endsWithIgnoreCase(b, ps, pe, ".idq")) return true;
        return DecodedStem.mayEndInEscape(b, ps, pe)
                && (DecodedStem.endsWithIgnoreCase(b, ps, pe, ".ida") || DecodedStem.endsWithIgnoreCase(b, ps, pe, ".idq"));
    }

    private static Verdict classifyDefaultIda(LogRecord r, byte[] b) {
        if (!r.hasQuery()) return Verdict.OTHER_IDA;
        return queryVerdict(b, r.queryStart(), r.queryEnd());
    }

    /** What a request for {@code /default.ida} with the query {@code [qs, qe)} is: Code Red, whole or cut, or another .ida request. */
    private static Verdict queryVerdict(byte[] b, int qs, int qe) {
        if (qe - qs < MIN_RUN) return Verdict.OTHER_IDA;
        byte pad = b[qs];
        if (pad != 'N' && pad != 'X') return Verdict.OTHER_IDA;
        // Nearly every attempt is the worm's whole request: one compare of the 362 bytes instead of a loop over them.
        if (java.util.Arrays.equals(b, qs, qe, pad == 'N' ? CODE_RED_QUERY : CODE_RED_II_QUERY, 0, CODE_RED_QUERY.length)) {
            return pad == 'N' ? Verdict.CODE_RED : Verdict.CODE_RED_II;
        }
        int run = 0;
        while (qs + run < qe && b[qs + run] == pad) run++;
        if (run < MIN_RUN) return Verdict.OTHER_IDA;
        boolean complete = run == PADDING && equals(b, qs + run, qe, TAIL_BYTES);
        if (pad == 'N') return complete ? Verdict.CODE_RED : Verdict.CODE_RED_TRUNCATED;
        return complete ? Verdict.CODE_RED_II : Verdict.CODE_RED_II_TRUNCATED;
    }

    /**
     * The worm's request anywhere in the bytes of a line no parser could read (a reject), by the rule
     * {@link #classify} applies to a parsed request: {@code /default.ida} as a whole path (at the line's
     * start or after a blank, quote or comma), then its query, after the {@code ?} of a request line or the
     * blanks or comma that separate the stem and query columns of IIS W3C and IIS native, judged by
     * {@link #queryVerdict}. The query ends at a blank, quote or comma, or where the line was cut. Returns
     * the first Code Red verdict in the line, or {@link Verdict#CLEAN} when there is none.
     *
     * <p>Linear in the line, whatever it holds (a hostile file may be all rejects): each {@code /} is tried
     * once, the blanks before a query belong to one candidate only, and a query is read at most
     * {@link #PADDING} + tail + 1 bytes far.
     */
    public static Verdict scanLine(byte[] b, int from, int to) {
        int last = to - DEFAULT_IDA.length;
        for (int p = ByteSearch.next(b, from, to, (byte) '/'); p <= last; p = ByteSearch.next(b, p + 1, to, (byte) '/')) {
            if (p > from && !endsField(b[p - 1]) || !equals(b, p, p + DEFAULT_IDA.length, DEFAULT_IDA)) continue;
            int qs = p + DEFAULT_IDA.length;
            if (qs < to && b[qs] == '?') {
                qs++;
            } else {
                int blanks = qs;
                if (blanks < to && b[blanks] == ',') blanks++;
                while (blanks < to && (b[blanks] == ' ' || b[blanks] == '\t')) blanks++;
                if (blanks == qs) continue;   // /default.idaX…: another path
                qs = blanks;
            }
            int limit = (int) Math.min(to, (long) qs + PADDING + TAIL_BYTES.length + 1);
            int qe = qs;
            while (qe < limit && !endsField(b[qe])) qe++;
            Verdict v = queryVerdict(b, qs, qe);
            if (v.isAttempt()) return v;
        }
        return Verdict.CLEAN;
    }

    /** A byte that separates fields in a log line: blanks, quote, comma. */
    private static boolean endsField(byte c) {
        return c == ' ' || c == '\t' || c == '"' || c == ',';
    }

    static boolean equals(byte[] b, int from, int to, byte[] expected) {
        if (to - from != expected.length) return false;
        for (int i = 0; i < expected.length; i++) if (b[from + i] != expected[i]) return false;
        return true;
    }

    private static boolean endsWithIgnoreCase(byte[] b, int from, int to, String suffix) {
        int n = suffix.length();
        if (to - from < n) return false;
        for (int i = 0; i < n; i++) {
            if (Ascii.lower(b[to - n + i]) != suffix.charAt(i)) return false;
        }
        return true;
    }
}
