package org.wormsign.isp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What could not be read of the customer data: every line or block that could not be is counted by reason and
 * the first {@link #SAMPLES} are kept with their file and line (never a silent skip, never a stack trace); and
 * the warnings about data that was read but contradicts itself (two clients holding one address at once).
 */
public final class ReadProblems {
    /** Rejects kept word for word: enough to see what is wrong with a file, bounded whatever the file. */
    public static final int SAMPLES = 20;

    /** One line that could not be read, where it is and why; {@code text} cut and made printable. */
    public record Reject(String file, long line, String reason, String text) {
        @Override public String toString() {
            return file + ":" + line + ": " + reason + (text.isEmpty() ? "" : ": " + text);
        }
    }

    private final Map<String, Long> byReason = new LinkedHashMap<>();
    private final List<Reject> samples = new ArrayList<>();
    private long rejected;
    private long overlaps;
    private final List<String> overlapSamples = new ArrayList<>();

    void reject(String file, long line, String reason, String text) {
        rejected++;
        byReason.merge(reason, 1L, Long::sum);
        if (samples.size() < SAMPLES) samples.add(new Reject(file, line, reason, printable(text)));
    }

    /** Two clients' holdings of one address overlapping: the later start wins from its start (issue 20). */
    void overlap(String address, String earlier, String later, long at) {
        overlaps++;
        if (overlapSamples.size() < SAMPLES) {
            overlapSamples.add(printable(address + ": held by " + earlier + " and from " + Times.iso(at)
                    + " also by " + later));
        }
    }

    public long rejected() { return rejected; }

    public Map<String, Long> rejectsByReason() { return Collections.unmodifiableMap(byReason); }

    public List<Reject> samples() { return Collections.unmodifiableList(samples); }

    public long overlaps() { return overlaps; }

    public List<String> overlapSamples() { return Collections.unmodifiableList(overlapSamples); }

    /** At most 200 characters, control characters as {@code \xHH}: a reject is shown on a terminal. */
    static String printable(String s) {
        if (s == null) return "";
        String cut = s.length() > 200 ? s.substring(0, 200) + "…" : s;
        StringBuilder b = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            if (c < 0x20 || c >= 0x7f && c < 0xa0) b.append(String.format("\\x%02x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }
}
