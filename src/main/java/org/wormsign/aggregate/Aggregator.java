package org.wormsign.aggregate;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

import org.wormsign.detect.Classifier;
import org.wormsign.detect.ServerKind;
import org.wormsign.detect.Verdict;
import org.wormsign.detect.WormCalendar;
import org.wormsign.format.LogRecord;
import org.wormsign.format.Reject;
import org.wormsign.format.RejectedLine;
import org.wormsign.format.SourceAddress;

/**
 * Folds the lines of one input into an {@link Aggregate}. Clean records touch only counters; only
 * Code Red attempts make strings (source, target, evidence text).
 */
public final class Aggregator {
    private final Aggregate agg = new Aggregate();
    private final long inputIndex;
    private final String input;
    private final int[] samplesByReason = new int[Reject.values().length];
    private ServerKind kind = ServerKind.UNKNOWN;
    /** The target of the previous line, and its bytes: most logs name one server on every line. */
    private TargetSummary lastTarget;
    private byte[] lastTargetBytes = new byte[0];
    private TargetSummary inputTarget;
    private TextBudget budget;
    /** Whether lines past the budget can be read back from the input (else they go to the budget's spill). */
    private boolean rereadable;
    /** Bytes of evidence text this aggregator took from the budget. */
    private long taken;
    private long lastDay = Long.MIN_VALUE;
    private long[] lastDayCounts;
    private WormCalendar.Phase lastDayPhase;
    /** The zone of times logged with no offset (IIS native), for the times of salvaged lines. */
    private ZoneRules localZone = ZoneOffset.UTC.getRules();
    /** Salvaged attempts of this input seen so far: only the first {@link SalvagedAttempts#PER_INPUT} are kept. */
    private long salvagedSeen;
    /** Sees each attempt before it is counted; {@link AttemptHook#NONE}: none, and no {@link #seen} is filled. */
    private final AttemptHook hook;
    /** What {@link #hook} is shown, re-pointed at each attempt. */
    private final Attempt seen = new Attempt();

    /** @param inputIndex the order of the input among all inputs (see {@link Evidence}) */
    public Aggregator(long inputIndex, String input) {
        this(inputIndex, input, AttemptHook.NONE);
    }

    /** @param hook this aggregator's own hook (see {@link AttemptHook}): it rides in {@link #aggregate()} */
    public Aggregator(long inputIndex, String input, AttemptHook hook) {
        this.inputIndex = inputIndex;
        this.input = input;
        this.hook = hook;
        agg.hook = hook;
    }

    public Aggregate aggregate() { return agg; }

    /**
     * Evidence text of this input may be left on disk past {@code budget}: set only for a plain file,
     * named by its path, whose lines can be read back at their offsets.
     */
    public void rereadableFrom(TextBudget budget) {
        this.budget = budget;
        this.rereadable = true;
        budget.rereadable(input);
    }

    /**
     * Evidence text of this input past {@code budget} goes to the budget's {@link TextSpill}: for an input
     * that cannot give its lines back (compressed, an archive member).
     */
    public void spillsPast(TextBudget budget) {
        this.budget = budget;
        this.rereadable = false;
    }

    /** What kind of server wrote this input (from its format): the answer verdicts depend on it. */
    public void serverKind(ServerKind kind) {
        this.kind = kind;
    }

    /** The zone this input's local times (no offset logged) are in: {@code --tz}, else UTC. */
    public void localZone(ZoneId zone) {
        this.localZone = (zone == null ? ZoneOffset.UTC : zone).getRules();
    }

    /**
     * What this aggregator counted will not be used (it read the lines in a format the sniffer did not
     * choose): the evidence text it took goes back to the budget. Text it spilled stays in the spill file,
     * unread.
     */
    public void discard() {
        if (budget != null && taken > 0) budget.giveBack(taken);
        taken = 0;
    }

    public void skipped() {
        agg.totals.lines++;
        agg.totals.skipped++;
    }

    public void rejected(Reject reason, byte[] b, int start, int end, long fullLength, long line, long offset) {
        agg.totals.lines++;
        agg.totals.rejected++;
        agg.rejectsByReason[reason.ordinal()]++;
        if (samplesByReason[reason.ordinal()]++ < Aggregate.REJECT_SAMPLES) {
            agg.rejectSamples.add(new RejectSample(inputIndex, input, line, offset, reason, RawText.of(b, start, end, fullLength)));
        }
        // The worm's request may be plainly there in a line no parser could read (cut, mangled): never lost.
        Verdict worm = Classifier.scanLine(b, start, end);
        if (worm.isAttempt()) salvaged(worm, b, start, end, fullLength, line, offset);
    }

    /**
     * A rejected line carrying the worm's request: counted apart from the attempts (its record could not be
     * read, so it proves no source's attempt) and, among the first of this input, kept as evidence.
     */
    private void salvaged(Verdict worm, byte[] b, int start, int end, long fullLength, long line, long offset) {
        boolean kept = salvagedSeen++ < SalvagedAttempts.PER_INPUT;
        // Past the kept ones, the line's address and time are read only for a hook.
        String source = kept || hook != AttemptHook.NONE ? RejectedLine.firstAddress(b, start, end) : null;
        long when = kept || hook != AttemptHook.NONE ? RejectedLine.epochSecond(b, start, end, localZone) : LogRecord.NO_TIME;
        if (hook != AttemptHook.NONE) {
            seen.ofSalvaged(source, when, worm, input, inputIndex, line, offset);
            hook.attempt(seen);
        }
        if (worm.variant() == Verdict.Variant.CODE_RED) agg.totals.codeRedInRejects++; else agg.totals.codeRedIIInRejects++;
        if (!kept) return;
        agg.salvaged.add(new Evidence(source, when, SalvagedAttempts.kind(worm.variant()), -1, inputIndex, input, line, offset,
                RawText.of(b, start, end, fullLength), false));
    }

    public void record(LogRecord r, Verdict v, long line, long offset) {
        Totals t = agg.totals;
        t.lines++;
        t.records++;
        if (r.realigned()) t.realigned++;
        TargetSummary target = targetOf(r);
        if (!r.hasTime()) t.recordsWithoutTime++;
        target.addRecord(r.epochSecond());
        if (r.status() == 400 && (r.requestUnreadable() || !r.hasPath())) unreadable400(r, target, line, offset);
        switch (v) {
            case CLEAN: return;
            case NIMDA: t.nimda++; return;
            case OTHER_IDA:
                t.otherIda++;
                if (!r.queryLogged() && Classifier.isDefaultIda(r)) t.defaultIdaWithoutQuery++;
                return;
            default: attempt(r, v, target, line, offset);
        }
    }

    /** The record's server: its logged address or host when the format has one, else this input. */
    private TargetSummary targetOf(LogRecord r) {
        if (!r.hasTarget()) {
            if (inputTarget == null) inputTarget = newTarget(input);
            return inputTarget;
        }
        byte[] b = r.bytes();
        int s = r.targetStart(), e = r.targetEnd();
        if (lastTarget != null && java.util.Arrays.equals(b, s, e, lastTargetBytes, 0, lastTargetBytes.length)) return lastTarget;
        lastTargetBytes = java.util.Arrays.copyOfRange(b, s, e);
        lastTarget = newTarget(r.target());
        return lastTarget;
    }

    private TargetSummary newTarget(String name) {
        TargetSummary t = agg.targets.computeIfAbsent(name, TargetSummary::new);
        t.addKind(kind);
        return t;
    }

    private void unreadable400(LogRecord r, TargetSummary target, long line, long offset) {
        UnreadableFourHundreds u = agg.unreadable400;
        // A line without a time cannot be placed near an attempt: counted, never kept.
        if (!r.hasTime()) {
            u.countOnly();
            return;
        }
        // Keyed as the source summaries are (::ffff:1.2.3.4 is 1.2.3.4), so that its attempts are found beside it.
        long address = SourceAddress.ipv4(r.bytes(), r.clientStart(), r.clientEnd());
        String source = address != SourceAddress.NOT_IPV4 ? SourceAddress.ipv4Text((int) address) : clientText(r);
        if (!u.wants(source)) {
            u.countOnly();
            return;
        }
        u.add(new UnreadableFourHundreds.Line(source, target.target(), r.epochSecond(), inputIndex, input, line, offset,
                RawText.of(r.bytes(), r.lineStart(), r.lineEnd())));
    }

    private void attempt(LogRecord r, Verdict v, TargetSummary targetSummary, long line, long offset) {
        long address = SourceAddress.ipv4(r.bytes(), r.clientStart(), r.clientEnd());
        if (hook != AttemptHook.NONE) {
            seen.ofRecord(r, address, v, targetSummary.target(), input, inputIndex, line, offset);
            hook.attempt(seen);
        }
        Totals t = agg.totals;
        long when = r.epochSecond();
        int status = r.status();
        if (v.variant() == Verdict.Variant.CODE_RED) t.codeRed++; else t.codeRedII++;
        if (v.truncated()) t.truncated++;
        if (status == 400) t.sideEffect400++;
        WormCalendar.Phase phase = null;
        boolean off = false;
        if (when == LogRecord.NO_TIME) {
            t.attemptsWithoutTime++;
        } else {
            phase = onTheCalendar(v, when);
            off = WormCalendar.offSchedule(v.variant(), when, phase);
            if (off) t.offSchedule++;
        }

        String target = targetSummary.target();
        targetSummary.addAttempt(v, when, status);
        SourceSummary s = sourceOf(r, address);
        boolean unusual = s.addAttempt(v, when, status, target, phase, off);
        EvidenceSample ev = s.evidence();
        int place = ev.placeFor(when, inputIndex, line, unusual);
        if (place >= 0) {
            int length = r.lineEnd() - r.lineStart();
            String raw = null;
            long spillAt = -1;
            long cost = Math.min(length, RawText.MAX_BYTES) + 64L;
            if (budget == null) {
                raw = RawText.of(r.bytes(), r.lineStart(), r.lineEnd());
            } else if (budget.take(cost)) {
                taken += cost;
                raw = RawText.of(r.bytes(), r.lineStart(), r.lineEnd());
            }
            else if (!rereadable) spillAt = budget.spill().putLine(r.bytes(), r.lineStart(), r.lineEnd());
            // No source: the sample takes it from its summary (lines(source)), and r.client() would make a String
            // on nearly every attempt, since the latest line of a source is always wanted.
            ev.addAt(place, when, inputIndex, input, line, offset, status, v, unusual, raw, spillAt);
        }
    }

    /** An attempt at a known time: the day's and the hour's counts; returns the worm's phase that day. */
    private WormCalendar.Phase onTheCalendar(Verdict v, long when) {
        long epochDay = Math.floorDiv(when, 86400L);
        if (epochDay != lastDay) {
            // Attempts come in time order within a log: look the day's counters and phase up once per day, not per line.
            lastDayCounts = agg.daily.computeIfAbsent(epochDay, d -> new long[2]);
            lastDayPhase = WormCalendar.phaseOfDay(epochDay);
            lastDay = epochDay;
        }
        lastDayCounts[v.variant() == Verdict.Variant.CODE_RED ? 0 : 1]++;
        agg.hourly.add(when, v.variant() == Verdict.Variant.CODE_RED_II);
        return lastDayPhase;
    }

    /**
     * The record's source summary; a dotted-quad client (nearly all of them) is looked up as an int, making no
     * String. An IPv4-mapped client ({@code ::ffff:1.2.3.4}) is that IPv4 source: one host, one row in hosts.csv,
     * its /16 and Code Red II locality read from the IPv4 address; an IPv6 client is one source in whichever
     * spelling it was logged ({@link SourceAddress}). Its evidence lines stay as logged.
     */
    private SourceSummary sourceOf(LogRecord r, long address) {
        return address != SourceAddress.NOT_IPV4 ? agg.sources.ofIpv4((int) address) : agg.sources.computeIfAbsent(r.client(), SourceSummary::new);
    }

    /** The text of a client that is no IPv4 source, as its summary is keyed (null when the record has none). */
    private static String clientText(LogRecord r) {
        return r.clientStart() < 0 ? null : SourceAddress.parse(r.bytes(), r.clientStart(), r.clientEnd()).text();
    }
}
