package org.wormsign.pipeline;

/**
 * Whether the lines of an input no known format reads still look like an access log: then it is an error
 * (name its layout), not a file to set aside quietly. A line looks like one when it holds all three of
 * <ul>
 *   <li>a request: a method of 3 to 10 capital letters, a target ({@code /…}, {@code *} or an absolute
 *       {@code http…} URL) and {@code HTTP/}digit, separated by blanks ({@code "GET /a.html HTTP/1.0"}, quoted
 *       or not);</li>
 *   <li>a status: a word of three digits from 100 to 599 outside the request (after it as Apache writes
 *       it, or before it as HAProxy does);</li>
 *   <li>a time: a clock {@code h:mm:ss} in whatever date layout ({@code [10/Feb/2012:16:42:07},
 *       {@code 2012-02-10T16:42:07}, {@code February - 10, 2012:16:42:07}), or Unix seconds of ten digits
 *       (nginx's {@code $msec}).</li>
 * </ul>
 * A README, a config file or notes may quote a log line or two; a log in an unknown layout is such lines
 * almost throughout (a few start-up or header lines aside). So the input looks like an access log when at
 * least half of its first {@value #SAMPLE} non-blank lines looked at do: a threshold far from both (the
 * HAProxy log of lnav's tests has 4 lines without a request among 17, 3 of them "Proxy … started"; a README
 * quoting an example has a line or two among dozens).
 *
 * <p>Only the lines read while the format is being decided are looked at, each in one pass over its bytes.
 */
final class AccessLogShape {
    /** Non-blank lines looked at, at most. */
    static final int SAMPLE = 200;

    private int sampled;
    private int shaped;

    /** Looks at one non-blank line, if fewer than {@link #SAMPLE} have been looked at. */
    void look(byte[] b, int start, int end) {
        if (sampled >= SAMPLE) return;
        sampled++;
        if (isAccessLine(b, start, end)) shaped++;
    }

    /** Non-blank lines looked at. */
    int sampled() { return sampled; }

    /** Of those, the lines with a request, a status and a time. */
    int shaped() { return shaped; }

    /** Whether at least half the lines looked at (and at least one) have a request, a status and a time. */
    boolean looksLikeAccessLog() {
        return shaped > 0 && 2L * shaped >= sampled;
    }

    static boolean isAccessLine(byte[] b, int start, int end) {
        long request = request(b, start, end);
        if (request < 0) return false;
        int from = (int) (request >>> 32), to = (int) request;
        return hasStatusAndTime(b, start, from, end, to);
    }

    /**
     * The first request of the line, as {@code start << 32 | end} (the method's first byte, past the
     * version), or -1. Words split at blanks and quotes; the last three words are kept as they go by, so
     * the line is read once whatever it holds.
     */
    static long request(byte[] b, int start, int end) {
        int methodFrom = -1, methodTo = -1, targetFrom = -1, targetTo = -1;
        int p = start;
        while (p < end) {
            while (p < end && isWordEnd(b[p])) p++;
            if (p >= end) break;
            int w = p;
            while (p < end && !isWordEnd(b[p])) p++;
            if (methodFrom >= 0 && targetFrom >= 0 && isVersion(b, w, p)
                    && isMethod(b, methodFrom, methodTo) && isTarget(b, targetFrom, targetTo)) {
                return (long) methodFrom << 32 | p;
            }
            methodFrom = targetFrom;
            methodTo = targetTo;
            targetFrom = w;
            targetTo = p;
        }
        return -1;
    }

    private static boolean isWordEnd(byte c) {
        return c == ' ' || c == '\t' || c == '"';
    }

    private static boolean isMethod(byte[] b, int from, int to) {
        if (to - from < 3 || to - from > 10) return false;
        for (int i = from; i < to; i++) if (b[i] < 'A' || b[i] > 'Z') return false;
        return true;
    }

    private static boolean isTarget(byte[] b, int from, int to) {
        if (b[from] == '/' || b[from] == '*') return true;
        return to - from > 7 && (b[from] == 'h' || b[from] == 'H') && (b[from + 1] == 't' || b[from + 1] == 'T');
    }

    private static boolean isVersion(byte[] b, int from, int to) {
        return to - from >= 6 && b[from] == 'H' && b[from + 1] == 'T' && b[from + 2] == 'T' && b[from + 3] == 'P'
                && b[from + 4] == '/' && isDigit(b[from + 5]);
    }

    /**
     * A status word outside the request, and a time anywhere: each run of digits is looked at once.
     *
     * @param requestFrom  where the request starts; {@code requestTo} where it ends
     */
    private static boolean hasStatusAndTime(byte[] b, int start, int requestFrom, int end, int requestTo) {
        boolean status = false, time = false;
        int p = start;
        while (p < end && !(status && time)) {
            if (!isDigit(b[p])) {
                p++;
                continue;
            }
            int run = p;
            while (p < end && isDigit(b[p])) p++;
            int length = p - run;
            boolean alone = (run == start || isSeparator(b[run - 1])) && (p == end || isSeparator(b[p]));
            if (length == 3 && alone && b[run] >= '1' && b[run] <= '5' && (run >= requestTo || p <= requestFrom)) status = true;
            if (length <= 2 && isClock(b, p, end)) time = true;
            if (length == 10 && (run == start || isSeparator(b[run - 1])) && (p == end || isSeparator(b[p]) || b[p] == '.')) time = true;
        }
        return status && time;
    }

    /** {@code :mm:ss} at {@code p}, after the hour's digits. */
    private static boolean isClock(byte[] b, int p, int end) {
        return p + 6 <= end && b[p] == ':' && isDigit(b[p + 1]) && isDigit(b[p + 2])
                && b[p + 3] == ':' && isDigit(b[p + 4]) && isDigit(b[p + 5]);
    }

    /** What may stand beside a status or a time in Unix seconds: blanks, quotes, brackets, list and key punctuation. */
    private static boolean isSeparator(byte c) {
        return switch (c) {
            case ' ', '\t', '"', '\'', ',', ';', ':', '=', '|', '[', ']', '(', ')', '{', '}', '<', '>' -> true;
            default -> false;
        };
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}
