package org.wormsign.aggregate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.wormsign.format.Reject;

/**
 * The mergeable summary of any slice of the input: a chunk, a file, a thread's files, the whole run.
 * {@code new Aggregate()} is the identity of {@link #merge}; merge is associative and commutative, so the
 * same code serves per thread, per file and across runs. {@code a.merge(b)} may take over parts of
 * {@code b}: b is spent (its totals stay readable, as an input's own counts).
 */
public final class Aggregate {
    /** Reject lines kept per input and reason; the rest are only counted. */
    public static final int REJECT_SAMPLES = 10;

    final Totals totals = new Totals();
    SourceTable sources = new SourceTable();
    Map<String, TargetSummary> targets = new HashMap<>();
    /** UTC epoch day → attempts of {Code Red, Code Red II}. */
    final TreeMap<Long, long[]> daily = new TreeMap<>();
    final HourlyCounts hourly = new HourlyCounts();
    final UnreadableFourHundreds unreadable400 = new UnreadableFourHundreds();
    final long[] rejectsByReason = new long[Reject.values().length];
    final List<RejectSample> rejectSamples = new ArrayList<>();
    final SalvagedAttempts salvaged = new SalvagedAttempts();
    /** What the aggregator's {@link AttemptHook} made of the attempts counted here. */
    AttemptHook hook = AttemptHook.NONE;
    /** Whether a {@link Snapshot} holds this aggregate: nothing may be merged into it then. */
    boolean frozen;

    public void merge(Aggregate o) {
        if (frozen) throw new IllegalStateException("merging into an aggregate a snapshot holds");
        totals.merge(o.totals);
        // A summary this side lacks is taken over, not copied: merging a million sources into an empty
        // aggregate must not hold them twice. So {@code o} is spent by a merge.
        sources.absorb(o.sources);
        o.targets.forEach((k, v) -> targets.merge(k, v, (mine, theirs) -> { mine.merge(theirs); return mine; }));
        // Its maps now point at summaries this side holds or has merged: dropped, a million sources would
        // otherwise be indexed twice (an input's aggregate lives on for its own totals).
        o.sources = new SourceTable();
        o.targets = new HashMap<>();
        o.daily.forEach((day, c) -> {
            long[] mine = daily.computeIfAbsent(day, d -> new long[2]);
            mine[0] += c[0];
            mine[1] += c[1];
        });
        hourly.merge(o.hourly);
        unreadable400.merge(o.unreadable400);
        for (int i = 0; i < rejectsByReason.length; i++) rejectsByReason[i] += o.rejectsByReason[i];
        rejectSamples.addAll(o.rejectSamples);
        rejectSamples.sort(Comparator.comparingLong(RejectSample::inputIndex).thenComparingLong(RejectSample::line));
        boundRejectSamples();
        salvaged.merge(o.salvaged);
        hook = hook.merge(o.hook);
    }

    /** Keeps the first samples of each input and reason, so the sample does not depend on how input was split. */
    private void boundRejectSamples() {
        record Key(long inputIndex, Reject reason) {}
        Map<Key, Integer> kept = new HashMap<>();
        rejectSamples.removeIf(r -> kept.merge(new Key(r.inputIndex(), r.reason()), 1, Integer::sum) > REJECT_SAMPLES);
    }

    /**
     * Adds {@code delta} to every line number this aggregate cites (evidence, reject samples, unreadable
     * 400s, salvaged attempts): a chunk of a file is read with lines counted from its own start, and placed
     * once the lines of the chunks before it are known.
     */
    public void shiftLines(long delta) {
        if (delta == 0) return;
        sources.values().forEach(s -> s.evidence().shiftLines(delta));
        rejectSamples.replaceAll(r -> new RejectSample(r.inputIndex(), r.input(), r.line() + delta, r.offset(), r.reason(), r.raw()));
        unreadable400.shiftLines(delta);
        salvaged.shiftLines(delta);
        hook.shiftLines(delta);
    }

    /**
     * Replaces every input index this aggregate cites (evidence, reject samples, unreadable 400s, salvaged
     * attempts) by what {@code renumber} makes of it, which keeps their order: a snapshot's runs placed among
     * the runs of others ({@link Snapshot#merge}).
     */
    void renumberInputs(java.util.function.LongUnaryOperator renumber) {
        sources.values().forEach(s -> s.evidence().renumberInputs(renumber));
        rejectSamples.replaceAll(r -> new RejectSample(renumber.applyAsLong(r.inputIndex()), r.input(), r.line(), r.offset(), r.reason(), r.raw()));
        unreadable400.renumberInputs(renumber);
        salvaged.renumberInputs(renumber);
    }

    public Totals totals() { return totals; }
    public Map<String, SourceSummary> sources() { return sources; }
    public Map<String, TargetSummary> targets() { return targets; }
    public TreeMap<Long, long[]> daily() { return daily; }
    public HourlyCounts hourly() { return hourly; }
    public UnreadableFourHundreds unreadable400() { return unreadable400; }
    public long rejects(Reject reason) { return rejectsByReason[reason.ordinal()]; }
    public List<RejectSample> rejectSamples() { return rejectSamples; }
    public SalvagedAttempts salvaged() { return salvaged; }
    /** The hooks of the aggregators behind this aggregate, merged; {@link AttemptHook#NONE} if none was given. */
    public AttemptHook attemptHook() { return hook; }

    public long codeRedSources() { return sources.values().stream().filter(s -> s.codeRed() > 0).count(); }
    public long codeRedIISources() { return sources.values().stream().filter(s -> s.codeRedII() > 0).count(); }
}
