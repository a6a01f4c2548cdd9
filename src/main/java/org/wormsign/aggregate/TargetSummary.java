package org.wormsign.aggregate;

import org.wormsign.detect.Verdict;

/**
 * One probed server (its address, virtual host, or the input file that logged it) and how it answered
 * the worm. Mergeable.
 */
public final class TargetSummary {
    private final String target;
    private long codeRed, codeRedII;
    private final StatusCounts codeRedStatuses = new StatusCounts();
    private final StatusCounts codeRedIIStatuses = new StatusCounts();
    private long firstSeen = Long.MAX_VALUE, lastSeen = Long.MIN_VALUE;

    public TargetSummary(String target) {
        this.target = target;
    }

    public void addAttempt(Verdict verdict, long epochSecond, int status) {
        if (verdict.variant() == Verdict.Variant.CODE_RED) { codeRed++; codeRedStatuses.add(status); }
        else { codeRedII++; codeRedIIStatuses.add(status); }
        firstSeen = Math.min(firstSeen, epochSecond);
        lastSeen = Math.max(lastSeen, epochSecond);
    }

    public void merge(TargetSummary o) {
        codeRed += o.codeRed;
        codeRedII += o.codeRedII;
        codeRedStatuses.merge(o.codeRedStatuses);
        codeRedIIStatuses.merge(o.codeRedIIStatuses);
        firstSeen = Math.min(firstSeen, o.firstSeen);
        lastSeen = Math.max(lastSeen, o.lastSeen);
    }

    public String target() { return target; }
    public long codeRed() { return codeRed; }
    public long codeRedII() { return codeRedII; }
    public long attempts() { return codeRed + codeRedII; }
    public StatusCounts codeRedStatuses() { return codeRedStatuses; }
    public StatusCounts codeRedIIStatuses() { return codeRedIIStatuses; }
    public long firstSeen() { return firstSeen; }
    public long lastSeen() { return lastSeen; }
}
