package org.wormsign.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.PriorityQueue;
import java.util.TreeMap;

import org.wormsign.aggregate.Snapshot;
import org.wormsign.aggregate.SourceSummary;
import org.wormsign.aggregate.UnreadableFourHundreds;

/**
 * What the report reads from every source, gathered in one pass over them in any order: so that a state's
 * millions of sources, read from its map one at a time ({@link StoredHosts}), are gone through once for all of it
 * rather than once per chart and table. Holds no source beyond the few rows the page shows.
 */
final class HostFacts {
    /** Code Red II's sources of one target: how many, and the IPv4 ones' addresses (its locality is read from them). */
    static final class CodeRedIISources {
        private int count;
        private int[] ipv4 = new int[2];
        private int ipv4Count;

        int count() { return count; }
        int ipv4Count() { return ipv4Count; }
        int ipv4(int i) { return ipv4[i]; }

        private void add(SourceSummary s) {
            count++;
            if (!s.isIpv4()) return;
            if (ipv4Count == ipv4.length) ipv4 = java.util.Arrays.copyOf(ipv4, ipv4Count * 2);
            ipv4[ipv4Count++] = s.ipv4();
        }
    }

    /** The page's off-schedule table: most such attempts first, the source settling ties. */
    static final Comparator<ReportModel.HostRow> MOST_OFF_SCHEDULE = Comparator.comparingLong(ReportModel.HostRow::offSchedule).reversed()
            // The prefix settles most ties without making the sources' Strings (see HostRow.BUSIEST_FIRST).
            .thenComparing((a, b) -> Long.compareUnsigned(a.sourcePrefix(), b.sourcePrefix()))
            .thenComparing(ReportModel.HostRow::source);

    private final Snapshot snap;
    private final int offScheduleRows;
    private long hosts, first = Long.MAX_VALUE, last = Long.MIN_VALUE;
    private long codeRedSources, codeRedIISources, offScheduleSources;
    private final TreeMap<Long, long[]> newSourcesPerHour = new TreeMap<>();
    /** IPv4 /16 → {Code Red sources, Code Red II sources}. */
    private final Map<Integer, long[]> by16 = new HashMap<>();
    private final Map<String, CodeRedIISources> codeRedIIByTarget = new HashMap<>();
    private final List<ReportModel.SideEffectRow> sideEffects = new ArrayList<>();
    /** The off-schedule rows the page shows, the least of them at the head (dropped when a greater one comes). */
    private final PriorityQueue<ReportModel.HostRow> offSchedule;

    /** Facts of the sources of {@code snap} (its unreadable 400s are matched against them), {@code offScheduleRows} of them kept. */
    HostFacts(Snapshot snap, int offScheduleRows) {
        this.snap = snap;
        this.offScheduleRows = offScheduleRows;
        this.offSchedule = new PriorityQueue<>(MOST_OFF_SCHEDULE.reversed());
    }

    /** Reads one source. */
    void add(ReportModel.HostRow h) {
        SourceSummary s = h.summary();
        hosts++;
        first = Math.min(first, h.firstSeen());
        last = Math.max(last, h.lastSeen());
        if (s.codeRed() > 0) codeRedSources++;
        if (s.codeRedII() > 0) {
            codeRedIISources++;
            for (String server : s.servers()) codeRedIIByTarget.computeIfAbsent(server, k -> new CodeRedIISources()).add(s);
        }
        // Every attempt of a source without a time: it has no first hour.
        if (h.firstSeen() != Long.MAX_VALUE) newSourcesPerHour.computeIfAbsent(Math.floorDiv(h.firstSeen(), 3600L), k -> new long[2])[s.codeRedII() > 0 ? 1 : 0]++;
        // Code Red II picks its targets in its own IPv4 /8 and /16: an IPv6 source's /48 means nothing to it.
        if (s.isIpv4()) {
            long[] c = by16.computeIfAbsent(s.ipv4() >>> 16, k -> new long[2]);
            if (s.codeRed() > 0) c[0]++;
            if (s.codeRedII() > 0) c[1]++;
        }
        if (h.offSchedule() > 0) {
            offScheduleSources++;
            offSchedule.add(h);
            if (offSchedule.size() > offScheduleRows) offSchedule.poll();
        }
        // Most runs have no unreadable 400s: a million sources' addresses were made into text only to find nothing.
        if (snap.unreadable400Count() > 0) {
            for (UnreadableFourHundreds.Line l : snap.unreadable400(s.source())) {
                long nearest = s.nearestAttempt(l.target(), l.epochSecond(), Forensics.SIDE_EFFECT_WINDOW_SECONDS);
                if (nearest == Long.MIN_VALUE) continue;
                sideEffects.add(new ReportModel.SideEffectRow(l.source(), l.target(), l.epochSecond(), nearest, l.input(), l.line(), l.offset(), l.raw()));
            }
        }
    }

    /** The first time any source was seen, {@link Long#MIN_VALUE} without sources. */
    long firstSeen() { return hosts == 0 ? Long.MIN_VALUE : first; }

    long lastSeen() { return last; }

    long codeRedSources() { return codeRedSources; }

    long codeRedIISources() { return codeRedIISources; }

    /** Target → its Code Red II sources. */
    Map<String, CodeRedIISources> codeRedIIByTarget() { return codeRedIIByTarget; }

    /** Unreadable 400s from sources that sent Code Red to the same target within the window, in time order. */
    List<ReportModel.SideEffectRow> probableSideEffects() {
        List<ReportModel.SideEffectRow> out = new ArrayList<>(sideEffects);
        out.sort(Comparator.comparingLong(ReportModel.SideEffectRow::epochSecond).thenComparing(ReportModel.SideEffectRow::source));
        return out;
    }

    /** Sources seen for the first time per UTC hour: {only Code Red I, any Code Red II}. */
    NavigableMap<Long, long[]> newSourcesPerHour() { return newSourcesPerHour; }

    /** Sources per /16 network (IPv4 sources only), most first. */
    List<Charts.Network> networks() {
        List<Charts.Network> out = new ArrayList<>();
        by16.forEach((p, c) -> out.add(new Charts.Network((p >>> 8) + "." + (p & 0xff) + ".0.0/16", c[0], c[1])));
        out.sort(Comparator.comparingLong((Charts.Network n) -> n.codeRedSources() + n.codeRedIISources()).reversed()
                .thenComparing(Charts.Network::prefix));
        return out;
    }

    /** The sources with attempts off the worm's schedule: how many, and the most such of them. */
    ReportModel.OffSchedule offSchedule() {
        List<ReportModel.HostRow> rows = new ArrayList<>(offSchedule);
        rows.sort(MOST_OFF_SCHEDULE);
        return new ReportModel.OffSchedule(offScheduleSources, List.copyOf(rows));
    }
}
