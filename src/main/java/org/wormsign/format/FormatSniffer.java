package org.wormsign.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides a log's format from its lines as they are read: each candidate parses every non-blank line, in
 * order (a W3C parser learns its columns from {@code #Fields}), and the one that reads the most records whose
 * client is an address wins; then the one that reads the most records; then the candidate listed first, the
 * more specific. The addresses come first because two layouts may read the same lines, each taking another
 * field for the client: {@code www.example.com 1.2.3.4 - user [...]} is Apache's common with the virtual host
 * as the client and {@code 1.2.3.4} as the ident, or Matomo's {@code %v %h %l %u} with {@code 1.2.3.4} as the
 * client. The reading whose client is an address is the right one whenever a field holds one; a host-name
 * client (Apache's {@code HostnameLookups On}) is read only when no reading finds an address there. A line no candidate reads (junk, binary, cut)
 * raises no score and does not bring the decision nearer: it comes once {@link #SAMPLE_LINES} lines have
 * been read by some candidate, however much junk came before them, or when the caller stops looking (a
 * byte budget, the input's end).
 *
 * <p>The sniffer does not parse: whoever feeds it parses each line once per format (and counts it, see
 * {@code FormatDecision}) and tells it each outcome.
 */
public final class FormatSniffer {
    /** Lines read by some candidate that decide. */
    public static final int SAMPLE_LINES = 200;

    /** The winner, with how many of the looked-at lines it read; {@code format} is null when none read any. */
    public record Sniffed(LogFormat format, String name, int matched, int sampled) {}

    /** The candidates, then nginx's combined, which wins only through {@link #emptyBodiesLookLikeNginx()}. */
    private final List<LogFormat> formats;
    private final int candidates;
    /** Apache's combined among the candidates, or -1. */
    private final int combined;
    private final int[] scores;
    /** Per candidate, the records read whose client is an address ({@link Addresses#addressShaped}). */
    private final int[] addressClients;
    /** Non-blank lines looked at, and those some candidate read. */
    private int sampled;
    private int readable;
    private boolean lineRead;
    /** Empty bodies logged as {@code 0} and as {@code -} in the lines Apache's combined read. */
    private int zeros;
    private int dashes;

    /** @param candidates most specific first, as {@link KnownFormats#sniffCandidates} lists them */
    public FormatSniffer(List<LogFormat> candidates) {
        this.candidates = candidates.size();
        List<LogFormat> all = new ArrayList<>(candidates);
        int c = -1;
        for (int k = 0; k < candidates.size(); k++) if (candidates.get(k).name().equals("apache-combined")) c = k;
        this.combined = c;
        if (c >= 0) all.add(KnownFormats.byName("nginx-combined"));
        this.formats = List.copyOf(all);
        this.scores = new int[this.candidates];
        this.addressClients = new int[this.candidates];
    }

    /** Every format a decision may name, numbered as {@link #outcome} takes them: the candidates, then nginx's combined. */
    public List<LogFormat> formats() { return formats; }

    /**
     * How format {@code k} took the non-blank line being looked at: {@link LineParser#RECORD} (with the
     * record it read), {@link LineParser#SKIPPED}, or a reject.
     */
    public void outcome(int k, int result, LogRecord record) {
        if (result != LineParser.RECORD || k >= candidates) return;
        scores[k]++;
        if (record.clientStart >= 0 && Addresses.addressShaped(record.bytes(), record.clientStart, record.clientEnd)) addressClients[k]++;
        lineRead = true;
        if (k == combined) countEmptyBody(record);
    }

    /** The line looked at is done; true once enough lines have been read to decide. */
    public boolean lineDone() {
        sampled++;
        if (lineRead) readable++;
        lineRead = false;
        return readable >= SAMPLE_LINES;
    }

    /** Whether some candidate has read a line yet. */
    public boolean anyRead() { return readable > 0; }

    /** The winner on the lines looked at so far: its place in {@link #formats()}, or -1 when none read a line. */
    public int winner() {
        int best = -1;
        for (int k = 0; k < candidates; k++) if (scores[k] > 0 && (best < 0 || better(k, best))) best = k;
        if (best == combined && best >= 0 && emptyBodiesLookLikeNginx()) return candidates;
        return best;
    }

    /** Whether candidate {@code k} beats {@code best}, listed before it: strictly more address clients, or as many and more records. */
    private boolean better(int k, int best) {
        if (addressClients[k] != addressClients[best]) return addressClients[k] > addressClients[best];
        return scores[k] > scores[best];
    }

    /** The decision on the lines looked at so far. */
    public Sniffed decision() {
        int w = winner();
        if (w < 0) return new Sniffed(null, "unrecognised", 0, sampled);
        // nginx's combined wins on Apache's combined's score: it reads the same lines.
        int matched = scores[w < candidates ? w : combined];
        return new Sniffed(formats.get(w), formats.get(w).name(), matched, sampled);
    }

    /**
     * Apache's {@code %b} writes {@code -} for an empty body, nginx's {@code $body_bytes_sent} writes
     * {@code 0}; a file with zeros and no dashes there is nginx's.
     */
    private boolean emptyBodiesLookLikeNginx() {
        return zeros > 0 && dashes == 0;
    }

    private void countEmptyBody(LogRecord rec) {
        byte[] b = rec.bytes();
        int end = rec.lineEnd();
        // After the request: '" ' status ' ' bytes ' "'.
        int p = rec.requestEnd() + 2;
        while (p < end && b[p] != ' ') p++;
        p++;
        if (p + 1 < end && b[p + 1] == ' ') {
            if (b[p] == '0') zeros++;
            else if (b[p] == '-') dashes++;
        }
    }

    /**
     * Decides from a head already in memory: its lines are parsed here, up to {@link #SAMPLE_LINES} read ones.
     *
     * @param head the first bytes of the (decompressed) input
     * @param complete whether {@code head} is the whole input (then its last line counts even without LF)
     */
    public static Sniffed sniff(byte[] head, int length, boolean complete, List<LogFormat> candidates) {
        FormatSniffer sniffer = new FormatSniffer(candidates);
        List<LogFormat> formats = sniffer.formats();
        LineParser[] parsers = new LineParser[formats.size()];
        for (int k = 0; k < parsers.length; k++) parsers[k] = formats.get(k).newParser();
        LogRecord rec = new LogRecord();
        int s = 0;
        boolean enough = false;
        for (int i = 0; i < length && !enough; i++) {
            if (head[i] == '\n') {
                enough = look(sniffer, parsers, rec, head, s, i);
                s = i + 1;
            }
        }
        if (complete && s < length && !enough) look(sniffer, parsers, rec, head, s, length);
        return sniffer.decision();
    }

    /** One line of a head, without its CR; blank lines are not looked at. */
    private static boolean look(FormatSniffer sniffer, LineParser[] parsers, LogRecord rec, byte[] b, int start, int end) {
        if (end > start && b[end - 1] == '\r') end--;
        boolean blank = true;
        for (int p = start; p < end && blank; p++) blank = b[p] == ' ' || b[p] == '\t';
        if (blank) return false;
        for (int k = 0; k < parsers.length; k++) sniffer.outcome(k, parsers[k].parse(b, start, end, rec), rec);
        return sniffer.lineDone();
    }
}
