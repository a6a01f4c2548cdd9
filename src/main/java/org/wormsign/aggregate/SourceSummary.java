package org.wormsign.aggregate;

import java.util.TreeSet;

import org.wormsign.detect.Verdict;
import org.wormsign.detect.WormCalendar;

/** Everything known about one source address that sent Code Red. Mergeable; the empty one is the identity. */
public final class SourceSummary {
    private final String source;
    private long codeRed, codeRedII, truncated;
    private long firstSeen = Long.MAX_VALUE, lastSeen = Long.MIN_VALUE;
    private final StatusCounts statuses = new StatusCounts();
    private long propagation, flood, dormant, offSchedule;
    private final TreeSet<String> servers = new TreeSet<>();
    /** When this source's attempts reached each target: to match 400s with unreadable requests nearby. */
    private final java.util.TreeMap<String, AttemptTimes> timesByServer = new java.util.TreeMap<>();
    private final EvidenceSample evidence = new EvidenceSample();

    public SourceSummary(String source) {
        this.source = source;
    }

    /** Counts one attempt; returns whether it is unusual enough to be kept as evidence whatever else is kept. */
    public boolean addAttempt(Verdict verdict, long epochSecond, int status, String server) {
        boolean off = WormCalendar.offSchedule(verdict.variant(), epochSecond);
        if (verdict.variant() == Verdict.Variant.CODE_RED) {
            codeRed++;
            switch (WormCalendar.phase(epochSecond)) {
                case PROPAGATION: propagation++; break;
                case FLOOD: flood++; break;
                default: dormant++;
            }
        } else {
            codeRedII++;
        }
        if (verdict.truncated()) truncated++;
        if (off) offSchedule++;
        firstSeen = Math.min(firstSeen, epochSecond);
        lastSeen = Math.max(lastSeen, epochSecond);
        statuses.add(status);
        servers.add(server);
        timesByServer.computeIfAbsent(server, k -> new AttemptTimes()).add(epochSecond);
        return off || verdict.truncated() || (status != 400 && status != 404);
    }

    public EvidenceSample evidence() { return evidence; }

    public void merge(SourceSummary o) {
        if (!source.equals(o.source)) throw new IllegalArgumentException("merging " + o.source + " into " + source);
        codeRed += o.codeRed;
        codeRedII += o.codeRedII;
        truncated += o.truncated;
        firstSeen = Math.min(firstSeen, o.firstSeen);
        lastSeen = Math.max(lastSeen, o.lastSeen);
        statuses.merge(o.statuses);
        propagation += o.propagation;
        flood += o.flood;
        dormant += o.dormant;
        offSchedule += o.offSchedule;
        servers.addAll(o.servers);
        o.timesByServer.forEach((k, v) -> timesByServer.computeIfAbsent(k, x -> new AttemptTimes()).merge(v));
        evidence.merge(o.evidence);
    }

    public String source() { return source; }
    public long codeRed() { return codeRed; }
    public long codeRedII() { return codeRedII; }
    public long attempts() { return codeRed + codeRedII; }
    public long truncated() { return truncated; }
    public long firstSeen() { return firstSeen; }
    public long lastSeen() { return lastSeen; }
    public StatusCounts statuses() { return statuses; }
    public long propagation() { return propagation; }
    public long flood() { return flood; }
    public long dormant() { return dormant; }
    public long offSchedule() { return offSchedule; }
    public TreeSet<String> servers() { return servers; }
    /** The times this source's attempts reached {@code server}, or null if none did. */
    public AttemptTimes timesAt(String server) { return timesByServer.get(server); }
}
