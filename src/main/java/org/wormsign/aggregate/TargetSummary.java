package org.wormsign.aggregate;

import java.util.Map;
import java.util.TreeMap;

import org.wormsign.detect.ServerKind;
import org.wormsign.detect.Verdict;
import org.wormsign.format.LogRecord;

/**
 * One probed server (its address, virtual host, or the input file that logged it): how it answered the
 * worm, when it logged at all, and who probed it. Mergeable; a fresh one is the identity.
 */
public final class TargetSummary {
    private final String target;
    private ServerKind kind;
    private long codeRed, codeRedII;
    private final StatusCounts codeRedStatuses = new StatusCounts();
    private final StatusCounts codeRedIIStatuses = new StatusCounts();
    /** status → {attempts, first, last}: the order of answers tells a server that changed (unmapped, then mapped). */
    private final TreeMap<Integer, long[]> answers = new TreeMap<>();
    /**
     * The first {@link #FOUND_STATUSES} statuses of {@link #answers} and their arrays (the same ones), found
     * without boxing the status: a target answers the worm with one or two statuses, on every attempt.
     */
    private final int[] foundStatus = new int[FOUND_STATUSES];
    private final long[][] foundAnswer = new long[FOUND_STATUSES][];
    private int found;
    private static final int FOUND_STATUSES = 8;
    private long firstSeen = Long.MAX_VALUE, lastSeen = Long.MIN_VALUE;
    private long records;
    private long firstRecord = Long.MAX_VALUE, lastRecord = Long.MIN_VALUE;
    private final ActivityMinutes activity = new ActivityMinutes();
    private final AttemptTimes attemptTimes = new AttemptTimes();

    public TargetSummary(String target) {
        this.target = target;
    }

    /** Any line logged by this target: it was up and logging then (when its time is known). */
    public void addRecord(long epochSecond) {
        records++;
        if (epochSecond == LogRecord.NO_TIME) return;
        if (epochSecond < firstRecord) firstRecord = epochSecond;
        if (epochSecond > lastRecord) lastRecord = epochSecond;
        activity.mark(epochSecond);
    }

    public void addKind(ServerKind k) {
        kind = kind == null ? k : kind.and(k);
    }

    public void addAttempt(Verdict verdict, long epochSecond, int status) {
        if (verdict.variant() == Verdict.Variant.CODE_RED) { codeRed++; codeRedStatuses.add(status); }
        else { codeRedII++; codeRedIIStatuses.add(status); }
        long[] a = answer(status);
        a[0]++;
        // Without a time the attempt is counted, and nothing here says when (first and last stay unknown).
        if (epochSecond == LogRecord.NO_TIME) return;
        a[1] = Math.min(a[1], epochSecond);
        a[2] = Math.max(a[2], epochSecond);
        firstSeen = Math.min(firstSeen, epochSecond);
        lastSeen = Math.max(lastSeen, epochSecond);
        attemptTimes.add(epochSecond);
    }

    /** {attempts, first, last} of the answer {@code status}, made if new. */
    private long[] answer(int status) {
        for (int i = 0; i < found; i++) if (foundStatus[i] == status) return foundAnswer[i];
        long[] a = answers.computeIfAbsent(status, s -> new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE});
        if (found < FOUND_STATUSES) {
            foundStatus[found] = status;
            foundAnswer[found++] = a;
        }
        return a;
    }

    public void merge(TargetSummary o) {
        if (o.kind != null) addKind(o.kind);
        codeRed += o.codeRed;
        codeRedII += o.codeRedII;
        codeRedStatuses.merge(o.codeRedStatuses);
        codeRedIIStatuses.merge(o.codeRedIIStatuses);
        o.answers.forEach((s, v) -> {
            long[] a = answer(s);
            a[0] += v[0];
            a[1] = Math.min(a[1], v[1]);
            a[2] = Math.max(a[2], v[2]);
        });
        firstSeen = Math.min(firstSeen, o.firstSeen);
        lastSeen = Math.max(lastSeen, o.lastSeen);
        records += o.records;
        firstRecord = Math.min(firstRecord, o.firstRecord);
        lastRecord = Math.max(lastRecord, o.lastRecord);
        activity.merge(o.activity);
        attemptTimes.merge(o.attemptTimes);
    }

    /** This summary in the snapshot's binary form ({@link SnapshotFile}). */
    void write(SnapshotFile.Out o) throws java.io.IOException {
        o.ref(target);
        o.ref(kind == null ? null : kind.name());
        o.longs(codeRed, codeRedII);
        codeRedStatuses.write(o);
        codeRedIIStatuses.write(o);
        o.count(answers.size());
        for (Map.Entry<Integer, long[]> e : answers.entrySet()) {
            o.d.writeInt(e.getKey());
            o.longs(e.getValue()[0], e.getValue()[1], e.getValue()[2]);
        }
        o.longs(firstSeen, lastSeen, records, firstRecord, lastRecord);
        activity.write(o);
        attemptTimes.write(o);
    }

    /** A summary as {@link #write} wrote it. */
    static TargetSummary read(SnapshotFile.In in) throws java.io.IOException {
        String name = in.ref();
        if (name == null) throw new SnapshotFile.Unreadable("damaged: a target without a name");
        TargetSummary t = new TargetSummary(name);
        String kind = in.ref();
        try {
            t.kind = kind == null ? null : ServerKind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw new SnapshotFile.Unreadable("damaged or newer: an unknown kind of server " + kind);
        }
        t.codeRed = in.d.readLong();
        t.codeRedII = in.d.readLong();
        t.codeRedStatuses.read(in);
        t.codeRedIIStatuses.read(in);
        for (int n = in.count(); n > 0; n--) t.answers.put(in.d.readInt(), new long[] {in.d.readLong(), in.d.readLong(), in.d.readLong()});
        t.firstSeen = in.d.readLong();
        t.lastSeen = in.d.readLong();
        t.records = in.d.readLong();
        t.firstRecord = in.d.readLong();
        t.lastRecord = in.d.readLong();
        t.activity.read(in);
        t.attemptTimes.read(in);
        return t;
    }

    public String target() { return target; }
    public ServerKind kind() { return kind == null ? ServerKind.UNKNOWN : kind; }
    public long codeRed() { return codeRed; }
    public long codeRedII() { return codeRedII; }
    public long attempts() { return codeRed + codeRedII; }
    public StatusCounts codeRedStatuses() { return codeRedStatuses; }
    public StatusCounts codeRedIIStatuses() { return codeRedIIStatuses; }
    /** status → {attempts, first seen, last seen}, a view; first and last are MAX_VALUE and MIN_VALUE when no time is known. */
    public Map<Integer, long[]> answers() { return java.util.Collections.unmodifiableMap(answers); }
    public long firstSeen() { return firstSeen; }
    public long lastSeen() { return lastSeen; }
    public long records() { return records; }
    public long firstRecord() { return firstRecord; }
    public long lastRecord() { return lastRecord; }
    public ActivityMinutes activity() { return activity; }
    public AttemptTimes attemptTimes() { return attemptTimes; }
}
