package org.wormsign.format;

import java.util.List;

/**
 * Decides a file's format from its first lines: each candidate plan parses them, and the one that reads
 * the most wins (ties go to the candidate listed first, the more specific). Junk lines at the top only
 * lower every candidate's score alike, so they do not mislead it.
 */
public final class FormatSniffer {
    private FormatSniffer() {}

    /** Lines looked at. */
    public static final int SAMPLE_LINES = 200;

    /** The winner, with how many of the sampled lines it read; {@code format} is null when none read any. */
    public record Sniffed(LogFormat format, String name, int matched, int sampled) {}

    /**
     * @param head the first bytes of the (decompressed) input
     * @param complete whether {@code head} is the whole input (then its last line counts even without LF)
     */
    public static Sniffed sniff(byte[] head, int length, boolean complete, List<LogFormat> candidates) {
        int[] starts = new int[SAMPLE_LINES];
        int[] ends = new int[SAMPLE_LINES];
        int n = 0;
        int s = 0;
        for (int i = 0; i < length && n < SAMPLE_LINES; i++) {
            if (head[i] == '\n') {
                n = keep(head, s, i, starts, ends, n);
                s = i + 1;
            }
        }
        if (complete && s < length && n < SAMPLE_LINES) n = keep(head, s, length, starts, ends, n);

        LogRecord rec = new LogRecord();
        LogFormat best = null;
        int bestScore = 0;
        for (LogFormat candidate : candidates) {
            LineParser parser = candidate.newParser();
            int score = 0;
            for (int k = 0; k < n; k++) if (parser.parse(head, starts[k], ends[k], rec) == LineParser.RECORD) score++;
            if (score > bestScore) { best = candidate; bestScore = score; }
        }
        if (best == null) return new Sniffed(null, "unrecognised", 0, n);
        String name = best.name();
        if (name.equals("apache-combined") && emptyBodiesLookLikeNginx(head, starts, ends, n, (LinePlan) best)) {
            best = KnownFormats.byName("nginx-combined");
            name = best.name();
        }
        return new Sniffed(best, name, bestScore, n);
    }

    /** Keeps non-blank lines, without a trailing CR. */
    private static int keep(byte[] b, int start, int end, int[] starts, int[] ends, int n) {
        if (end > start && b[end - 1] == '\r') end--;
        boolean blank = true;
        for (int p = start; p < end && blank; p++) blank = b[p] == ' ' || b[p] == '\t';
        if (blank) return n;
        starts[n] = start;
        ends[n] = end;
        return n + 1;
    }

    /**
     * Apache's {@code %b} writes {@code -} for an empty body, nginx's {@code $body_bytes_sent} writes
     * {@code 0}; a file with zeros and no dashes there is nginx's.
     */
    private static boolean emptyBodiesLookLikeNginx(byte[] b, int[] starts, int[] ends, int n, LinePlan combined) {
        LinePlan.Parser parser = combined.newParser();
        LogRecord rec = new LogRecord();
        int zeros = 0, dashes = 0;
        for (int k = 0; k < n; k++) {
            if (parser.parse(b, starts[k], ends[k], rec) != LinePlan.RECORD) continue;
            // After the request: '" ' status ' ' bytes ' "'.
            int p = rec.requestEnd() + 2;
            while (p < ends[k] && b[p] != ' ') p++;
            p++;
            if (p + 1 < ends[k] && b[p + 1] == ' ') {
                if (b[p] == '0') zeros++;
                else if (b[p] == '-') dashes++;
            }
        }
        return zeros > 0 && dashes == 0;
    }
}
