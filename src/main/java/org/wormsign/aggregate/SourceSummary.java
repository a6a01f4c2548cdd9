package org.wormsign.aggregate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.wormsign.detect.Verdict;
import org.wormsign.detect.WormCalendar;
import org.wormsign.format.LogRecord;
import org.wormsign.format.SourceAddress;

/**
 * Everything known about one source address that sent Code Red. Mergeable; the empty one is the
 * identity. An ISP run holds a million of these, so the common case (one target, a handful of attempts)
 * costs a few hundred bytes: counters are ints, one target is a plain reference, attempt times are a
 * packed {@code long[]}.
 */
public final class SourceSummary {
    /** Attempt times kept per source for the side-effect check; past this the middle ones are thinned. */
    static final int MAX_TIMES = 256;

    /**
     * The source's text when it is no IPv4 address (an IPv6 address in RFC 5952's text, a host name or junk as
     * logged); else null, and {@link #ipv4} is it. Text rather than a {@link SourceAddress}: IPv6 and named
     * sources are few, and a field more would cost every IPv4 source 8 bytes.
     */
    private final String name;
    private final int ipv4;
    // Code Red I attempts are propagation + flood + dormant, the server count is read from the list and the
    // time count is a short: the object is 96 bytes with the address int (a String name would cost 56 more).
    private int codeRedII, truncated;
    private int s400, s404, s200, sOther;
    private int propagation, flood, dormant, offSchedule;
    /** Code Red I attempts logged without a time: in no phase, so counted apart (the object stays at 96 bytes). */
    private int codeRedWithoutTime;
    private long firstSeen = Long.MAX_VALUE, lastSeen = Long.MIN_VALUE;
    /** The targets, in the order first seen: null, one String, or a String[] filled from the start. */
    private Object servers;
    /**
     * {@code epochSecond << 20 | target slot} of the attempts with a known time, in the order added;
     * {@link #MAX_TIMES} at most. Null while there is one such attempt and its target is at slot 0: most
     * sources of an ISP run are seen once, and that time is {@link #firstSeen} (so times are added before
     * first and last seen are updated).
     */
    private long[] times;
    private short timeCount;
    private boolean timesThinned;
    private final EvidenceSample evidence = new EvidenceSample();

    /** The summary of the source {@code source} names, read by {@link SourceAddress#parse(String)}. */
    public SourceSummary(String source) {
        this(SourceAddress.parse(java.util.Objects.requireNonNull(source, "source")));
    }

    public SourceSummary(SourceAddress source) {
        this.name = source.isIpv4() ? null : source.text();
        this.ipv4 = source.isIpv4() ? source.ipv4() : 0;
    }

    /** The summary of an IPv4 address: no String is kept for it. */
    SourceSummary(int ipv4) {
        this.name = null;
        this.ipv4 = ipv4;
    }

    /** Counts one attempt; returns whether it is unusual enough to be kept as evidence whatever else is kept. */
    public boolean addAttempt(Verdict verdict, long epochSecond, int status, String server) {
        WormCalendar.Phase phase = epochSecond == LogRecord.NO_TIME ? null : WormCalendar.phase(epochSecond);
        return addAttempt(verdict, epochSecond, status, server, phase, phase != null && WormCalendar.offSchedule(verdict.variant(), epochSecond, phase));
    }

    /**
     * {@link #addAttempt(Verdict, long, int, String)} given what the aggregator knows already: the second's
     * {@link WormCalendar#phase} (null without a time) and whether the attempt is off schedule.
     */
    boolean addAttempt(Verdict verdict, long epochSecond, int status, String server, WormCalendar.Phase phase, boolean off) {
        boolean timed = phase != null;
        if (verdict.variant() == Verdict.Variant.CODE_RED) {
            if (!timed) codeRedWithoutTime++;
            else switch (phase) {
                case PROPAGATION: propagation++; break;
                case FLOOD: flood++; break;
                default: dormant++;
            }
        } else {
            codeRedII++;
        }
        if (verdict.truncated()) truncated++;
        if (off) offSchedule++;
        countStatus(status, 1);
        int slot = slotOf(server);
        if (timed) {
            addTime(epochSecond, slot);
            firstSeen = Math.min(firstSeen, epochSecond);
            lastSeen = Math.max(lastSeen, epochSecond);
        }
        return off || verdict.truncated() || (status != 400 && status != 404);
    }

    private void countStatus(int status, int n) {
        switch (status) {
            case 400: s400 += n; break;
            case 404: s404 += n; break;
            case 200: s200 += n; break;
            default: sOther += n;
        }
    }

    /** The target's place in this source's list, added if new. Targets are shared strings: compared by identity first. */
    private int slotOf(String server) {
        if (servers == null) {
            servers = server;
            return 0;
        }
        if (servers instanceof String only) {
            if (only == server || only.equals(server)) return 0;
            servers = new String[] {only, server, null, null};
            return 1;
        }
        String[] all = (String[]) servers;
        int i = 0;
        for (; i < all.length && all[i] != null; i++) if (all[i] == server || all[i].equals(server)) return i;
        if (i == all.length) servers = all = Arrays.copyOf(all, all.length * 2);
        all[i] = server;
        return i;
    }

    private String server(int slot) {
        return servers instanceof String only ? only : ((String[]) servers)[slot];
    }

    private void addTime(long epochSecond, int slot) {
        if (timeCount == 0 && times == null && slot == 0) {
            timeCount = 1;
            return;
        }
        // The first time of a source whose first target came with no time is not at slot 0: it needs the array.
        if (times == null) times = timeCount == 0 ? new long[2] : new long[] {firstSeen << 20, 0};
        if (timeCount == times.length) {
            if (timeCount >= MAX_TIMES) {
                // Keep the first and the latest; drop every other one between them.
                Arrays.sort(times, 0, timeCount);
                int kept = 0;
                for (int i = 0; i < timeCount; i++) if (i == 0 || i == timeCount - 1 || i % 2 == 0) times[kept++] = times[i];
                timeCount = (short) kept;
                timesThinned = true;
            } else {
                times = Arrays.copyOf(times, Math.min(MAX_TIMES, times.length * 2));
            }
        }
        times[timeCount++] = epochSecond << 20 | slot;
    }

    /** Attempt {@code i} as {@code epochSecond << 20 | target slot}. */
    private long time(int i) {
        return times == null ? firstSeen << 20 : times[i];
    }

    public EvidenceSample evidence() { return evidence; }

    public void merge(SourceSummary o) {
        if (!sameSource(o)) throw new IllegalArgumentException("merging " + o.source() + " into " + source());
        codeRedII += o.codeRedII;
        truncated += o.truncated;
        s400 += o.s400;
        s404 += o.s404;
        s200 += o.s200;
        sOther += o.sOther;
        propagation += o.propagation;
        flood += o.flood;
        dormant += o.dormant;
        offSchedule += o.offSchedule;
        codeRedWithoutTime += o.codeRedWithoutTime;
        boolean none = serverCount() == 0;
        for (int i = 0, n = o.serverCount(); i < n; i++) slotOf(o.server(i));
        if (none) {
            // This side had no attempt, so it took o's targets in o's order: o's slots are its slots.
            times = o.times == null ? null : o.times.clone();
            timeCount = o.timeCount;
        } else {
            // This side's attempts may all lack a time: first seen is only set below, so o's times go to the array.
            if (timeCount == 0 && times == null && o.timeCount > 1) times = new long[2];
            for (int i = 0; i < o.timeCount; i++) {
                long t = o.time(i);
                addTime(t >> 20, slotOf(o.server((int) (t & 0xFFFFF))));
            }
        }
        firstSeen = Math.min(firstSeen, o.firstSeen);
        lastSeen = Math.max(lastSeen, o.lastSeen);
        timesThinned |= o.timesThinned;
        evidence.merge(o.evidence);
    }

    /**
     * This summary in the snapshot's binary form ({@link SnapshotFile}): targets sorted, attempt times sorted
     * by time and target, so that the bytes do not depend on the order the attempts were merged in.
     */
    void write(SnapshotFile.Out o) throws java.io.IOException {
        o.d.writeBoolean(name != null);
        if (name != null) o.str(name);
        else o.d.writeInt(ipv4);
        for (int v : new int[] {codeRedII, truncated, s400, s404, s200, sOther, propagation, flood, dormant, offSchedule, codeRedWithoutTime}) {
            o.d.writeInt(v);
        }
        o.longs(firstSeen, lastSeen);
        List<String> sorted = servers();
        o.count(sorted.size());
        for (String s : sorted) o.ref(s);
        long[] packed = new long[timeCount];
        for (int i = 0; i < timeCount; i++) {
            long t = time(i);
            packed[i] = (t >> 20) << 20 | java.util.Collections.binarySearch(sorted, server((int) (t & 0xFFFFF)));
        }
        Arrays.sort(packed);
        o.d.writeBoolean(timesThinned);
        o.count(packed.length);
        for (long p : packed) o.d.writeLong(p);
        List<Evidence> lines = evidence.lines(null);
        o.count(lines.size());
        for (Evidence e : lines) {
            o.longs(e.epochSecond(), e.inputIndex());
            o.ref(e.input());
            o.longs(e.line(), e.offset());
            o.d.writeInt(e.status());
            o.ref(e.kind());
            o.d.writeBoolean(e.unusual());
            o.str(o.text(e));
        }
    }

    /** A summary as {@link #write} wrote it. */
    static SourceSummary read(SnapshotFile.In in) throws java.io.IOException {
        SourceSummary s;
        if (in.d.readBoolean()) {
            String name = in.str();
            if (name == null) throw new SnapshotFile.Unreadable("damaged: a source without a name");
            s = new SourceSummary(name);
        } else {
            s = new SourceSummary(in.d.readInt());
        }
        s.codeRedII = in.d.readInt();
        s.truncated = in.d.readInt();
        s.s400 = in.d.readInt();
        s.s404 = in.d.readInt();
        s.s200 = in.d.readInt();
        s.sOther = in.d.readInt();
        s.propagation = in.d.readInt();
        s.flood = in.d.readInt();
        s.dormant = in.d.readInt();
        s.offSchedule = in.d.readInt();
        s.codeRedWithoutTime = in.d.readInt();
        s.firstSeen = in.d.readLong();
        s.lastSeen = in.d.readLong();
        int servers = in.count();
        List<String> names = new ArrayList<>(Math.min(servers, 16));
        for (int i = 0; i < servers; i++) names.add(in.ref());
        s.servers = servers == 0 ? null : servers == 1 ? names.get(0) : names.toArray(new String[0]);
        s.timesThinned = in.d.readBoolean();
        int n = in.count();
        if (n > MAX_TIMES) throw new SnapshotFile.Unreadable("damaged: " + n + " attempt times of one source");
        long[] packed = new long[Math.max(2, n)];
        for (int i = 0; i < n; i++) {
            packed[i] = in.d.readLong();
            if ((packed[i] & 0xFFFFF) >= servers) throw new SnapshotFile.Unreadable("damaged: an attempt time of no target");
        }
        s.timeCount = (short) n;
        // One time at the first target is held as first seen alone, as addTime holds it.
        s.times = n == 0 || n == 1 && packed[0] == s.firstSeen << 20 ? null : packed;
        for (int k = in.count(); k > 0; k--) {
            long t = in.d.readLong(), inputIndex = in.d.readLong();
            String input = in.ref();
            long line = in.d.readLong(), offset = in.d.readLong();
            int status = in.d.readInt();
            String kind = in.ref();
            boolean unusual = in.d.readBoolean();
            String text = in.str();
            if (text == null) throw new SnapshotFile.Unreadable("damaged: evidence without its text");
            Object[] kept = in.keep(text);
            try {
                s.evidence.add(new Evidence(null, t, kind, status, inputIndex, input, line, offset, (String) kept[0], unusual,
                        kept[1] == null ? -1 : (Long) kept[1]));
            } catch (IllegalArgumentException e) {
                throw new SnapshotFile.Unreadable("damaged: " + e.getMessage());
            }
        }
        return s;
    }

    /**
     * The attempt to {@code server} nearest to {@code epochSecond} within {@code window} seconds, or
     * {@link Long#MIN_VALUE} if there is none.
     */
    public long nearestAttempt(String server, long epochSecond, long window) {
        long best = Long.MIN_VALUE;
        for (int i = 0; i < timeCount; i++) {
            long packed = time(i);
            if (!server((int) (packed & 0xFFFFF)).equals(server)) continue;
            long t = packed >> 20;
            if (Math.abs(t - epochSecond) <= window && (best == Long.MIN_VALUE || Math.abs(t - epochSecond) < Math.abs(best - epochSecond))) best = t;
        }
        return best;
    }

    /**
     * The source's text ({@link SourceAddress#text()}): as logged, but an IPv6 address in RFC 5952's text and an
     * IPv4-mapped one as its dotted quad. For an IPv4 address it is made on each call: hold it only while it is used.
     */
    public String source() { return name != null ? name : SourceAddress.ipv4Text(ipv4); }

    /** The source as an address (made on each call). */
    public SourceAddress address() { return name != null ? SourceAddress.parse(name) : SourceAddress.ofIpv4(ipv4); }

    /** Whether this is the summary of {@code name}, or of the address {@code ipv4} when name is null (see {@link SourceTable}). */
    boolean isOf(String name, int ipv4) {
        return name == null ? this.name == null && this.ipv4 == ipv4 : name.equals(this.name);
    }

    boolean sameSource(SourceSummary o) { return isOf(o.name, o.ipv4); }

    /** The source's text, or null when it is the IPv4 address {@link #ipv4()}. */
    String name() { return name; }
    /** Whether the source is an IPv4 address, held as {@link #ipv4()}. */
    public boolean isIpv4() { return name == null; }
    /** The address, when {@link #isIpv4()}. */
    public int ipv4() { return ipv4; }

    /** The evidence kept for this source, as lines. */
    public List<Evidence> evidenceLines() { return evidence.lines(source()); }
    public long codeRed() { return (long) propagation + flood + dormant + codeRedWithoutTime; }
    /** Code Red I attempts logged without a time, which are in no phase. */
    public long codeRedWithoutTime() { return codeRedWithoutTime; }
    public long codeRedII() { return codeRedII; }
    public long attempts() { return codeRed() + codeRedII; }
    public long truncated() { return truncated; }
    /** The earliest attempt's time; {@link Long#MAX_VALUE} when no attempt has a known time. */
    public long firstSeen() { return firstSeen; }
    /** The latest attempt's time; {@link Long#MIN_VALUE} when no attempt has a known time. */
    public long lastSeen() { return lastSeen; }
    public long status400() { return s400; }
    public long status404() { return s404; }
    public long status200() { return s200; }
    public long statusOther() { return sOther; }
    public long propagation() { return propagation; }
    public long flood() { return flood; }
    public long dormant() { return dormant; }
    public long offSchedule() { return offSchedule; }

    /** The targets this source reached, sorted. */
    public List<String> servers() {
        int n = serverCount();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(server(i));
        out.sort(null);
        return out;
    }

    public boolean reached(String server) {
        for (int i = 0, n = serverCount(); i < n; i++) if (server(i).equals(server)) return true;
        return false;
    }

    public int serverCount() {
        if (servers == null) return 0;
        if (servers instanceof String) return 1;
        String[] all = (String[]) servers;
        int n = 0;
        while (n < all.length && all[n] != null) n++;
        return n;
    }
}
