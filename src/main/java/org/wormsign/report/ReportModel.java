package org.wormsign.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

import org.wormsign.aggregate.Evidence;
import org.wormsign.aggregate.EvidenceText;
import org.wormsign.aggregate.RejectSample;
import org.wormsign.aggregate.Snapshot;
import org.wormsign.aggregate.SourceSummary;
import org.wormsign.aggregate.TargetSummary;
import org.wormsign.aggregate.Totals;
import org.wormsign.format.Reject;
import org.wormsign.format.SourceAddress;

/**
 * Everything the renderers show, built once from a {@link Snapshot} and never changed: renderers read this,
 * never the parsers, the inputs or the aggregates. {@code evidenceText} is where the snapshot's evidence text
 * not kept in memory is (its spill, or the plain inputs of a snapshot just frozen); the renderers read it
 * through an {@link EvidenceText.Reader} each. The model holds
 * the snapshot's summaries, not the snapshot: its index of a million sources is not kept while the outputs
 * are written.
 * {@code salvaged} are the Code Red requests kept from lines that could not be read as records, in input and
 * line order (time {@link Long#MIN_VALUE} and source "" where none could be read; see {@code SalvagedAttempts}).
 */
public record ReportModel(String version, List<String> arguments, Instant started, Instant finished,
                          List<InputRow> inputs, List<String> errors, List<String> warnings, TotalsRow totals, List<HostRow> hosts,
                          List<TargetRow> targets, List<DayRow> days,
                          List<RejectSample> rejectSamples, Map<String, Long> rejectsByReason,
                          NavigableMap<Long, long[]> hourly, NavigableMap<Long, long[]> newSourcesHourly,
                          long[][] dayOfMonth, List<Charts.Network> networks, List<SideEffectRow> sideEffects,
                          List<Evidence> salvaged, long gapSeconds, EvidenceText evidenceText, Unread unread, String engine,
                          OffSchedule offSchedule) {

    /** What read the logs (summary.json's {@code engine}): this machine's threads; a Spark job says {@code spark}. */
    public static final String LOCAL_ENGINE = "cli";

    /** The default length of a silence worth reporting (issue: "default 6 hours"). */
    public static final long DEFAULT_GAP_SECONDS = 6 * 3600L;

    /**
     * Every evidence line, as evidence.csv lists them: each source's lines together, in time order, the
     * sources in the hosts table's order. Made on demand, not kept: a million sources' lines held as
     * objects would double the memory of a run. The writers go source by source instead.
     */
    public List<Evidence> evidence() {
        List<Evidence> all = new ArrayList<>();
        for (HostRow h : hosts) all.addAll(h.evidence());
        return all;
    }

    /**
     * How many inputs could not be read (or not completely), of how many: each path given or found in a folder
     * counts once (an archive with its members), each that could not be opened or walked included. {@code partly}
     * of the {@code failed} ones gave records before they failed.
     */
    /** The sources with attempts off the worm's schedule: how many, and the first of them by most such attempts. */
    public record OffSchedule(long sources, List<HostRow> most) {}

    public record Unread(long failed, long partly, long of) {
        public boolean any() { return failed > 0; }
    }

    /**
     * One input. {@code realigned}: records among {@code records} read from lines that did not fit their W3C
     * {@code #Fields}. {@code zone}: the zone its local times were read in (from --tz, or {@code UTC} when none
     * applied), null when its format logs none (an offset with each time, or UTC), so that no --tz applies.
     */
    public record InputRow(String path, String sha256, long bytes, String codec, String format, long lines,
                           long records, long rejected, long skipped, long realigned, String zone, String clientField,
                           List<String> errors, String ignoredBecause, String absorbed) {
        /**
         * The input as a row, {@code absorbed} null outside a state (with --state: {@code new} when this run absorbed
         * it, {@code already} when an earlier run did).
         */
        public InputRow(String path, String sha256, long bytes, String codec, String format, long lines, long records, long rejected,
                        long skipped, long realigned, String zone, String clientField, List<String> errors, String ignoredBecause) {
            this(path, sha256, bytes, codec, format, lines, records, rejected, skipped, realigned, zone, clientField, errors, ignoredBecause, null);
        }

        InputRow absorbed(String how) {
            return new InputRow(path, sha256, bytes, codec, format, lines, records, rejected, skipped, realigned, zone, clientField,
                    errors, ignoredBecause, how);
        }
    }

    public record TotalsRow(long inputs, long lines, long records, long rejected, long skipped, long codeRed,
                            long codeRedII, long truncated, long codeRedSources, long codeRedIISources, long nimda,
                            long otherIda, long sideEffect400, long offSchedule, long firstSeen, long lastSeen,
                            long probableSideEffects, long unreadable400, long defaultIdaWithoutQuery, long realigned,
                            long recordsWithoutTime, long attemptsWithoutTime, long coveredFrom, long coveredTo,
                            long codeRedInRejects, long codeRedIIInRejects) {
        public long attempts() { return codeRed + codeRedII; }
        /** Code Red requests in lines that could not be read as records: not attempts of any source (see {@link ReportModel#salvaged}). */
        public long attemptsInRejects() { return codeRedInRejects + codeRedIIInRejects; }
        public long sources() { return codeRedSources + codeRedIISources; }
        /** Whether some attempt has a known time: else first and last seen are unknown (MAX_VALUE, MIN_VALUE). */
        public boolean seenAtKnownTimes() { return firstSeen != Long.MAX_VALUE && firstSeen != Long.MIN_VALUE; }
    }

    /**
     * One source, read straight from its summary (a million of them must not be copied): the summary is
     * not changed once the run is over.
     */
    public record HostRow(SourceSummary summary, long attempts, long sourcePrefix) {
        /**
         * Most attempts first, then by source. Most sources tie on a handful of attempts, so the sort is mostly
         * source comparisons: the first 8 bytes of the source, kept in the row as an unsigned number, settle
         * nearly all of them without reading the strings. (A field more, to settle two IPv4 sources that share
         * them without reading their summaries, made a million rows 8 MB larger at the run's peak.)
         */
        static final Comparator<HostRow> BUSIEST_FIRST = (a, b) -> {
            if (a.attempts != b.attempts) return a.attempts > b.attempts ? -1 : 1;
            int c = Long.compareUnsigned(a.sourcePrefix, b.sourcePrefix);
            if (c != 0) return c;
            // Same text order, no Strings: two addresses sharing their first 8 chars are the common case.
            if (a.summary.isIpv4() && b.summary.isIpv4()) return SourceAddress.compareIpv4Text(a.summary.ipv4(), b.summary.ipv4());
            return a.source().compareTo(b.source());
        };

        public HostRow(SourceSummary summary) {
            // An IPv4 source's prefix from its address: its text was made only for this, a million times.
            this(summary, summary.attempts(), summary.isIpv4() ? SourceAddress.ipv4TextPrefix(summary.ipv4()) : prefix(summary.source()));
        }

        /**
         * The first 8 chars as bytes, big-endian: where two prefixes differ, they are in String order. A char
         * past Latin-1 counts as 0xff and ends the prefix, so such strings tie and compareTo decides.
         */
        static long prefix(String s) {
            long p = 0;
            int i = 0;
            for (boolean open = true; i < 8 && open; i++) {
                char c = i < s.length() ? s.charAt(i) : 0;
                open = c < 0xff;
                p = p << 8 | Math.min(c, 0xff);
            }
            return p << 8 * (8 - i);
        }

        public String source() { return summary.source(); }
        /** This source's evidence lines, in time order. */
        public List<Evidence> evidence() { return summary.evidenceLines(); }
        public long codeRed() { return summary.codeRed(); }
        public long codeRedII() { return summary.codeRedII(); }
        public long truncated() { return summary.truncated(); }
        public long firstSeen() { return summary.firstSeen(); }
        public long lastSeen() { return summary.lastSeen(); }
        public long status400() { return summary.status400(); }
        public long status404() { return summary.status404(); }
        public long status200() { return summary.status200(); }
        public long statusOther() { return summary.statusOther(); }
        public long propagation() { return summary.propagation(); }
        public long flood() { return summary.flood(); }
        public long dormant() { return summary.dormant(); }
        public long offSchedule() { return summary.offSchedule(); }
        public List<String> servers() { return summary.servers(); }
        public int serverCount() { return summary.serverCount(); }
    }

    /**
     * A probed server. {@code verdict} reads its answers in the order they began; {@code silences} are the
     * stretches it logged nothing while it usually logs more often; the locality counts say how many of
     * its Code Red II sources share its /8 and /16 (-1 when its address is not known).
     */
    public record TargetRow(String target, String kind, long codeRed, long codeRedII, long status400, long status404,
                            long status200, long statusOther, long firstSeen, long lastSeen, long records,
                            long firstRecord, long lastRecord, String verdict, List<AnswerRow> answers,
                            List<SilenceRow> silences, long codeRedIISources, long sameSlash8, long sameSlash16) {}

    /** One status a target answered Code Red with: how often, when, and what it means. */
    public record AnswerRow(int status, long attempts, long firstSeen, long lastSeen, String meaning) {}

    /** A stretch with no line; {@code afterAttempt} is the Code Red attempt just before it, or MIN_VALUE. */
    public record SilenceRow(long from, long to, long afterAttempt) {
        public boolean followsAttempt() { return afterAttempt != Long.MIN_VALUE; }
    }

    /** A 400 whose request was unreadable, from a source that sent Code Red to the same target nearby. */
    public record SideEffectRow(String source, String target, long epochSecond, long nearestAttempt, String input,
                                long line, long offset, String raw) {}

    /** Attempts on one UTC day; {@code epochDay} counts days from 1970-01-01. */
    public record DayRow(long epochDay, long codeRed, long codeRedII) {}

    /** Inputs named one by one in the warnings about realigned lines; the rest are counted in one more. */
    static final int REALIGNED_WARNINGS = 10;

    /**
     * One warning per input with realigned lines: they are records, but read by a layout the log did not
     * declare for them, and whoever relies on the report should know which file was assembled that way.
     */
    private static void realignedWarnings(List<InputRow> inputs, List<String> warnings) {
        List<InputRow> realigned = inputs.stream().filter(i -> i.realigned() > 0).toList();
        for (InputRow i : realigned.subList(0, Math.min(REALIGNED_WARNINGS, realigned.size()))) {
            warnings.add(i.path() + ": " + i.realigned() + (i.realigned() == 1 ? " line does" : " lines do")
                    + " not fit the #Fields in force and " + (i.realigned() == 1 ? "was" : "were") + " realigned (read by an"
                    + " earlier #Fields with that many columns, or with the extra columns set aside): a log pasted together"
                    + " from blocks with different fields?");
        }
        if (realigned.size() > REALIGNED_WARNINGS) {
            List<InputRow> rest = realigned.subList(REALIGNED_WARNINGS, realigned.size());
            warnings.add(rest.size() + " more inputs have realigned lines (" + rest.stream().mapToLong(InputRow::realigned).sum()
                    + " in all): see inputs[].realigned in summary.json");
        }
    }

    /**
     * This model as a state's run tells it: each input's {@code absorbed} (what {@code how} says of it: {@code new},
     * {@code resumed} or {@code already}), and {@code more} warnings after its own (what the state's start mended, the
     * inputs skipped as absorbed before).
     */
    public ReportModel ofState(java.util.function.Function<InputRow, String> how, List<String> more) {
        List<InputRow> rows = inputs.stream().map(i -> i.absorbed(how.apply(i))).toList();
        List<String> allWarnings = new ArrayList<>(warnings);
        allWarnings.addAll(more);
        return new ReportModel(version, arguments, started, finished, rows, errors, List.copyOf(allWarnings), totals, hosts, targets, days,
                rejectSamples, rejectsByReason, hourly, newSourcesHourly, dayOfMonth, networks, sideEffects, salvaged, gapSeconds,
                evidenceText, unread, engine, offSchedule);
    }

    /** The same model, its logs read by {@code engine} (summary.json's {@code engine}). */
    public ReportModel readBy(String engine) {
        return new ReportModel(version, arguments, started, finished, inputs, errors, warnings, totals, hosts, targets, days,
                rejectSamples, rejectsByReason, hourly, newSourcesHourly, dayOfMonth, networks, sideEffects, salvaged, gapSeconds,
                evidenceText, unread, engine, offSchedule);
    }

    public static ReportModel of(Snapshot snap, String version) {
        return of(snap, version, DEFAULT_GAP_SECONDS);
    }

    /**
     * The model of a snapshot, and of nothing else. A snapshot of several runs (merged) shows every run's
     * arguments one after the other, the first start and the last end.
     */
    public static ReportModel of(Snapshot snap, String version, long gapSeconds) {
        List<HostRow> hosts = new ArrayList<>(snap.sourceCount());
        for (SourceSummary s : snap.sources()) {
            hosts.add(new HostRow(s));
        }
        hosts.sort(HostRow.BUSIEST_FIRST);
        HostFacts facts = facts(snap);
        for (HostRow h : hosts) facts.add(h);
        return of(snap, java.util.Collections.unmodifiableList(hosts), facts, version, gapSeconds);
    }

    /** What {@link #of(Snapshot, List, HostFacts, String, long)} needs read from every source of {@code snap}. */
    static HostFacts facts(Snapshot snap) {
        return new HostFacts(snap, HtmlReport.TOP_ROWS);
    }

    /**
     * The model of {@code snap} whose sources are {@code hosts}, in the hosts table's order ({@link HostRow#BUSIEST_FIRST}),
     * each of them given to {@code facts} already: a state's sources are not in its snapshot but read one at a time.
     */
    static ReportModel of(Snapshot snap, List<HostRow> hosts, HostFacts facts, String version, long gapSeconds) {
        List<InputRow> inputs = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Snapshot.Run r : snap.runs()) errors.addAll(r.walkErrors());
        for (Snapshot.Input r : snap.inputs()) {
            inputs.add(new InputRow(r.path(), r.sha256(), r.bytes(), r.codec(), r.format(), r.lines(), r.records(),
                    r.rejected(), r.skipped(), r.realigned(), r.zone(), r.clientField(), r.errors(), r.ignoredBecause()));
            r.errors().forEach(e -> errors.add(r.path() + ": " + e));
        }

        List<TargetRow> targets = new ArrayList<>();
        for (TargetSummary t : snap.targets()) {
            // Silences are read from the target's minutes once, in Forensics.target.
            TargetRow row = Forensics.target(t, gapSeconds, facts.codeRedIIByTarget());
            if (t.attempts() > 0 || !row.silences().isEmpty()) targets.add(row);
        }
        targets.sort(Comparator.comparingLong((TargetRow t) -> t.codeRed() + t.codeRedII()).reversed().thenComparing(TargetRow::target));
        List<SideEffectRow> sideEffects = facts.probableSideEffects();

        List<DayRow> days = new ArrayList<>();
        snap.daily().forEach((day, c) -> days.add(new DayRow(day, c[0], c[1])));

        Map<String, Long> byReason = new java.util.LinkedHashMap<>();
        for (Reject r : Reject.values()) if (snap.rejects(r) > 0) byReason.put(r.code(), snap.rejects(r));

        List<String> warnings = new ArrayList<>();
        for (Snapshot.Run r : snap.runs()) warnings.addAll(r.warnings());
        // One warning per reason (one run has one: no --tz given, or no pattern matches).
        Map<String, List<String>> local = new java.util.LinkedHashMap<>();
        for (Snapshot.Input r : snap.inputs()) {
            if (r.localTimesAsUtc() != null) local.computeIfAbsent(r.localTimesAsUtc(), k -> new ArrayList<>()).add(r.path());
        }
        local.forEach((why, names) -> warnings.add("local times read as UTC (" + why + ") in " + names.size()
                + " input(s) whose format logs no offset: " + String.join(", ", names.subList(0, Math.min(5, names.size())))
                + (names.size() > 5 ? ", …" : "")));

        Totals t = snap.totals();
        List<String> untimed = snap.inputs().stream().filter(r -> r.recordsWithoutTime() > 0).map(Snapshot.Input::path).toList();
        if (!untimed.isEmpty()) {
            long records = t.recordsWithoutTime(), attempts = t.attemptsWithoutTime();
            warnings.add(records + (records == 1 ? " record" : " records") + " without a time (" + attempts + " Code Red attempt"
                    + (attempts == 1 ? "" : "s") + ") in " + untimed.size() + " input(s) whose format logs none: counted, but in no day,"
                    + " hour, phase or chart, and in no target's span: " + String.join(", ", untimed.subList(0, Math.min(5, untimed.size())))
                    + (untimed.size() > 5 ? ", …" : ""));
        }

        long first = facts.firstSeen(), last = facts.lastSeen();
        // An archive has a row of its own (its hash, its errors) besides its members': count the logs read.
        TotalsRow totals = new TotalsRow(inputs.stream().filter(i -> i.ignoredBecause() == null && !"archive".equals(i.format())).count(), t.lines(),
                t.records(), t.rejected(), t.skipped(), t.codeRed(), t.codeRedII(), t.truncated(), facts.codeRedSources(),
                facts.codeRedIISources(), t.nimda(), t.otherIda(), t.sideEffect400(), t.offSchedule(), first, last,
                sideEffects.size(), snap.unreadable400Count(), t.defaultIdaWithoutQuery(), t.realigned(),
                t.recordsWithoutTime(), t.attemptsWithoutTime(),
                snap.targets().stream().mapToLong(TargetSummary::firstRecord).min().orElse(Long.MAX_VALUE),
                snap.targets().stream().mapToLong(TargetSummary::lastRecord).max().orElse(Long.MIN_VALUE),
                t.codeRedInRejects(), t.codeRedIIInRejects());
        realignedWarnings(inputs, warnings);
        if (t.defaultIdaWithoutQuery() > 0) {
            warnings.add(t.defaultIdaWithoutQuery() + " requests for /default.ida were logged without a query (a W3C log without"
                    + " cs-uri-query?): they may be Code Red but cannot be attributed to a variant");
        }

        List<String> arguments = snap.runs().size() == 1 ? snap.runs().get(0).arguments()
                : snap.runs().stream().flatMap(r -> r.arguments().stream()).toList();
        Instant started = snap.runs().stream().map(Snapshot.Run::started).min(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        Instant finished = snap.runs().stream().map(Snapshot.Run::finished).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        return new ReportModel(version, arguments, started, finished, List.copyOf(inputs),
                List.copyOf(errors), List.copyOf(warnings), totals, hosts, List.copyOf(targets), List.copyOf(days),
                snap.rejectSamples(), Map.copyOf(byReason),
                java.util.Collections.unmodifiableNavigableMap(new java.util.TreeMap<>(snap.hourly())),
                java.util.Collections.unmodifiableNavigableMap(facts.newSourcesPerHour()),
                Forensics.byDayOfMonth(snap), List.copyOf(facts.networks()), List.copyOf(sideEffects),
                snap.salvaged(), gapSeconds, snap.evidenceText(), unread(snap), LOCAL_ENGINE, facts.offSchedule());
    }

    private static Unread unread(Snapshot snap) {
        // Per input as given or found, by the high half of the result's index: the archive and its members together.
        Map<Long, long[]> byInput = new java.util.LinkedHashMap<>();   // {failed, records, set aside}
        for (Snapshot.Input r : snap.inputs()) {
            long[] in = byInput.computeIfAbsent(r.index() >>> 32, k -> new long[3]);
            if (!r.errors().isEmpty()) in[0] = 1;
            in[1] += r.records();
            if (r.ignored() && (r.index() & 0xFFFFFFFFL) == 0) in[2] = 1;
        }
        long walk = snap.runs().stream().mapToLong(r -> r.walkErrors().size()).sum();
        long failed = walk, partly = 0, of = walk;
        for (long[] in : byInput.values()) {
            if (in[2] == 1) continue;
            of++;
            failed += in[0];
            if (in[0] == 1 && in[1] > 0) partly++;
        }
        return new Unread(failed, partly, of);
    }
}
