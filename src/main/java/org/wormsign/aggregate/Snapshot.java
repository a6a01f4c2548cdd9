package org.wormsign.aggregate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.LongUnaryOperator;

import org.wormsign.format.Reject;

/**
 * The result of one or more analyses, standing alone: everything any output needs (per source, per target,
 * per day and hour, the input ledger, reject samples, salvaged attempts, unreadable 400s, warnings, the runs'
 * arguments and times) and the evidence text itself, with nothing pointing into an input. It is the read form
 * of the mergeable summaries, so it lives beside them: freezing takes the merged {@link Aggregate} over (it is
 * spent, as by a merge: a million sources are not held twice) and merging snapshots is {@link Aggregate#merge},
 * the one merge there is.
 *
 * <p>Immutable by ownership: nothing changes a snapshot's summaries once it is made, except {@link #merge},
 * which spends the snapshots it is given (they can no longer be read, as an aggregate given to a merge).
 * Evidence text past the run's {@link TextBudget} is in its {@link TextSpill}, a temporary file the budget's
 * owner closes when the outputs are written, or, in a snapshot just frozen, still in the plain input it was
 * read from: read from there when it is written or saved ({@link #evidenceText}), and copied into the spill
 * when the snapshot is merged or {@link #standAlone made to stand alone} (a run whose outputs are written at
 * once reads each such line once instead of twice).
 *
 * <p>The input ledger's order: a snapshot's runs in their canonical order (by their first input's path, then
 * start, end and arguments), each run's inputs in the order it read them (as summary.json lists them for one
 * run). Input indexes (which order evidence, reject samples, 400s and salvaged lines) are renumbered on a merge
 * so that each run's inputs follow the runs before it: merging in any order or grouping gives the same snapshot,
 * and the inputs of one run split in two and merged get the numbers one run over all of them gives.
 */
public final class Snapshot {
    /**
     * One analysis: its arguments and times, its inputs' places ({@code inputs} places from {@code firstInput}:
     * the high 32 bits of its inputs' indexes), the errors of walking its folders, and its warnings that no
     * input's counts can give back (the --tz rules no input matched).
     */
    public record Run(List<String> arguments, Instant started, Instant finished, int firstInput, int inputs,
                      List<String> walkErrors, List<String> warnings) {
        public Run {
            arguments = List.copyOf(arguments);
            walkErrors = List.copyOf(walkErrors);
            warnings = List.copyOf(warnings);
        }

        Run placedAt(int first) {
            return new Run(arguments, started, finished, first, inputs, walkErrors, warnings);
        }
    }

    /**
     * One input as read: its identity, how it was read, its counts (rejected also by reason code, in the order
     * of {@link Reject}), {@code localTimesAsUtc} why its local times were read as UTC (null when they were not),
     * its errors, and why it was set aside ({@code ignoredBecause}, null for a log).
     */
    public record Input(long index, String path, String sha256, long bytes, String codec, String format, String zone,
                        String clientField, long lines, long records, long rejected, long skipped, long realigned,
                        long recordsWithoutTime, Map<String, Long> rejectsByReason, String localTimesAsUtc,
                        List<String> errors, String ignoredBecause) {
        public Input {
            rejectsByReason = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rejectsByReason));
            errors = List.copyOf(errors);
        }

        public boolean ignored() { return ignoredBecause != null; }

        /**
         * This input's counts with those of {@code later} (a part of the same input read after it) added, and the
         * errors of both; its identity, how it was read and its zone this one's, until {@link #identified} says others.
         */
        public Input followedBy(Input later) {
            Map<String, Long> byReason = new java.util.LinkedHashMap<>();
            for (Reject r : Reject.values()) {
                long n = rejectsByReason.getOrDefault(r.code(), 0L) + later.rejectsByReason().getOrDefault(r.code(), 0L);
                if (n > 0) byReason.put(r.code(), n);
            }
            List<String> both = new ArrayList<>(errors);
            both.addAll(later.errors());
            return new Input(index, path, sha256, bytes, codec, format, zone, clientField, lines + later.lines(), records + later.records(),
                    rejected + later.rejected(), skipped + later.skipped(), realigned + later.realigned(),
                    recordsWithoutTime + later.recordsWithoutTime(), byReason, localTimesAsUtc, both, ignoredBecause);
        }

        /** This input's counts under another identity (SHA-256, size), zone, client field, reading of local times and errors. */
        public Input identified(String sha256, long bytes, String zone, String clientField, String localTimesAsUtc, List<String> errors) {
            return new Input(index, path, sha256, bytes, codec, format, zone, clientField, lines, records, rejected, skipped, realigned,
                    recordsWithoutTime, rejectsByReason, localTimesAsUtc, errors, ignoredBecause);
        }

        Input renumbered(LongUnaryOperator renumber) {
            return new Input(renumber.applyAsLong(index), path, sha256, bytes, codec, format, zone, clientField, lines, records,
                    rejected, skipped, realigned, recordsWithoutTime, rejectsByReason, localTimesAsUtc, errors, ignoredBecause);
        }
    }

    private final List<Run> runs;
    private final List<Input> inputs;
    private final Aggregate agg;
    /** Where the evidence text is: replaced by the spill alone when the snapshot is made to stand alone. */
    private EvidenceText text;
    /** Threads that read text left in inputs into the spill ({@link #standAlone}). */
    private final int threads;
    private boolean spent;

    Snapshot(List<Run> runs, List<Input> inputs, Aggregate agg, EvidenceText text, int threads) {
        this.runs = List.copyOf(runs);
        this.inputs = List.copyOf(inputs);
        this.agg = agg;
        this.text = text;
        this.threads = Math.max(1, threads);
        agg.frozen = true;
    }

    /**
     * The snapshot of one run: takes {@code merged} over (it must not be used again). Evidence text the run
     * left in plain inputs stays there until it is written, or until the snapshot is {@link #standAlone made
     * to stand alone}.
     */
    public static Snapshot freeze(Aggregate merged, Run run, List<Input> inputs, TextBudget budget) {
        return freeze(merged, run, inputs, budget, 1);
    }

    /** As {@link #freeze(Aggregate, Run, List, TextBudget)}, reading text back (when it must) on up to {@code threads} threads. */
    public static Snapshot freeze(Aggregate merged, Run run, List<Input> inputs, TextBudget budget, int threads) {
        if (merged.frozen) throw new IllegalStateException("this aggregate is a snapshot's already");
        return new Snapshot(List.of(run), inputs, merged, EvidenceText.of(budget), threads);
    }

    /** The identity of {@link #merge}: no run, no input. */
    public static Snapshot empty(TextSpill text) {
        return new Snapshot(List.of(), List.of(), new Aggregate(), EvidenceText.standingAlone(text), 1);
    }

    /**
     * Reads the evidence text still in plain inputs into the spill, once per input in offset order: afterwards
     * nothing points into an input, and the inputs may be deleted or rotated. Returns this snapshot.
     */
    public Snapshot standAlone() {
        check();
        if (text.readsInputs()) {
            LinesLeftInFiles.gather(agg.sources.values(), text, threads);
            text = EvidenceText.standingAlone(text.spill());
        }
        return this;
    }

    /**
     * The snapshots as one: their runs in canonical order, each run's inputs renumbered to follow the runs
     * before it, and their summaries merged by {@link Aggregate#merge}. The parts are spent. Evidence text
     * spilled by a part with another spill than the first part's is copied into the first's.
     */
    public static Snapshot merge(List<Snapshot> parts) {
        if (parts.isEmpty()) throw new IllegalArgumentException("nothing to merge");
        for (Snapshot p : parts) p.check();
        // Text left in inputs is read back against what each part's own run noted of them: copied now.
        for (Snapshot p : parts) p.standAlone();
        Map<Snapshot, Boolean> given = new IdentityHashMap<>();
        for (Snapshot p : parts) if (given.put(p, true) != null) throw new IllegalArgumentException("a snapshot given twice");
        record Placed(Snapshot part, Run run, String firstPath) {}
        List<Placed> all = new ArrayList<>();
        for (Snapshot p : parts) {
            for (Run r : p.runs) {
                String first = p.inputs.stream().filter(i -> within(r, i.index())).map(Input::path).findFirst().orElse("");
                all.add(new Placed(p, r, first));
            }
        }
        all.sort(Comparator.comparing(Placed::firstPath).thenComparing(x -> x.run().started()).thenComparing(x -> x.run().finished())
                .thenComparing(x -> String.join("\u0000", x.run().arguments())));
        for (int k = 1; k < all.size(); k++) {
            Run a = all.get(k - 1).run(), b = all.get(k).run();
            if (a.started().equals(b.started()) && a.finished().equals(b.finished()) && a.arguments().equals(b.arguments())
                    && all.get(k - 1).firstPath().equals(all.get(k).firstPath())) {
                throw new IllegalArgumentException("the run started " + a.started() + " is given twice: its inputs would be counted twice");
            }
        }
        Map<Snapshot, List<Run[]>> moves = new IdentityHashMap<>();   // part → {old run, new run}
        List<Run> runs = new ArrayList<>();
        List<Input> inputs = new ArrayList<>();
        int next = 0;
        for (Placed x : all) {
            Run placed = x.run().placedAt(next);
            next += x.run().inputs();
            runs.add(placed);
            moves.computeIfAbsent(x.part(), k -> new ArrayList<>()).add(new Run[] {x.run(), placed});
            LongUnaryOperator renumber = renumbering(List.<Run[]>of(new Run[] {x.run(), placed}));
            for (Input i : x.part().inputs) if (within(x.run(), i.index())) inputs.add(i.renumbered(renumber));
        }
        return combine(runs, inputs, parts, moves, parts.get(0).text.spill());
    }

    /**
     * The parts of one run that were read apart (the tasks of a Spark job, one per input) as that run's snapshot:
     * each part's inputs keep the places the run gave them, the ledger is in input order, and the summaries are
     * merged by {@link Aggregate#merge}, as {@link #merge} merges. The parts are spent; their evidence text ends in
     * {@code spill}.
     */
    public static Snapshot ofParts(Run run, List<Snapshot> parts, TextSpill spill) {
        for (Snapshot p : parts) p.check();
        Map<Snapshot, Boolean> given = new IdentityHashMap<>();
        for (Snapshot p : parts) if (given.put(p, true) != null) throw new IllegalArgumentException("a snapshot given twice");
        for (Snapshot p : parts) p.standAlone();
        List<Input> inputs = new ArrayList<>();
        for (Snapshot p : parts) {
            for (Input i : p.inputs) {
                if (!within(run, i.index())) throw new IllegalArgumentException("input " + i.path() + " is not in the run's places");
                inputs.add(i);
            }
        }
        inputs.sort(Comparator.comparingLong(Input::index));
        for (int k = 1; k < inputs.size(); k++) {
            if (inputs.get(k - 1).index() == inputs.get(k).index()) throw new IllegalArgumentException("input " + inputs.get(k).path() + " is given twice");
        }
        // In input order, as one run merges its inputs (Analyzer).
        List<Snapshot> ordered = new ArrayList<>(parts);
        ordered.sort(Comparator.comparingLong(p -> p.inputs.stream().mapToLong(Input::index).min().orElse(Long.MAX_VALUE)));
        return combine(List.of(run), inputs, ordered, Map.of(), spill);
    }

    /** The parts' summaries merged, each first moved to its runs' new places ({@code moves}) and its text to {@code spill}. */
    private static Snapshot combine(List<Run> runs, List<Input> inputs, List<Snapshot> parts, Map<Snapshot, List<Run[]>> moves, TextSpill spill) {
        Aggregate merged = new Aggregate();
        ByteBuffer scratch = ByteBuffer.allocate(16 * 1024);
        for (Snapshot p : parts) {
            List<Run[]> m = moves.getOrDefault(p, List.of());
            if (m.stream().anyMatch(r -> r[0].firstInput() != r[1].firstInput())) p.agg.renumberInputs(renumbering(m));
            if (p.text.spill() != spill) {
                try {
                    for (SourceSummary s : p.agg.sources.values()) s.evidence().respill(p.text.spill(), spill, scratch);
                } catch (IOException e) {
                    throw new UncheckedIOException("evidence text could not be moved between spills: " + e.getMessage(), e);
                }
            }
            p.spent = true;
            merged.merge(p.agg);
        }
        return new Snapshot(runs, inputs, merged, EvidenceText.standingAlone(spill), parts.stream().mapToInt(p -> p.threads).max().orElse(1));
    }

    /**
     * This snapshot with each input read on from where an earlier read ended made one with the input it goes on from,
     * as one read of the whole content gives it: {@code tails} maps the place of each part read on to the place of
     * the input it continues. The part's lines (numbered on from the input's, see {@link Aggregate#shiftLines}) are
     * cited under the input's place, the samples bounded per input are bounded again over both, the input's counts
     * are the sums and its identity (SHA-256, size) the part's, which is of the whole content; the places after a
     * part move down. This snapshot is spent.
     */
    Snapshot withTailsFolded(Map<Integer, Integer> tails) {
        check();
        if (new java.util.HashSet<>(tails.values()).size() < tails.size()) throw new IllegalArgumentException("two parts read on from one input");
        return joined(tails, (head, later) -> continued(head, later.get(0)));
    }

    /**
     * This snapshot, a run's whose inputs were each read in one or more line-aligned ranges (the tasks of a Spark job),
     * with each input's ranges made the one input, as its read in chunks ({@code ChunkedScan}) gives it: {@code
     * ranges} maps the place of each range after an input's first to the place of its first. The ranges' lines must
     * be numbered on from the ranges before them already ({@link #linesAfter}); they are cited under the first's place,
     * the samples bounded per input are bounded again over all of them, the places after move down, and {@code join}
     * makes the input's ledger entry of its first range's and the later ones' (in file order). This snapshot is spent.
     */
    public Snapshot withRangesJoined(Map<Integer, Integer> ranges, java.util.function.BiFunction<Input, List<Input>, Input> join) {
        check();
        return joined(ranges, join);
    }

    /**
     * This part of a run (a range of an input, read apart) with its lines numbered on from {@code before} lines: those
     * of the ranges before it, known once they are read (see {@link Aggregate#shiftLines}). This snapshot is spent.
     */
    public Snapshot linesAfter(long before) {
        check();
        agg.shiftLines(before);
        spent = true;
        return new Snapshot(runs, inputs, agg, text, threads);
    }

    /** The later parts ({@code later}: their place → the place of their input's first part) joined to their first. */
    private Snapshot joined(Map<Integer, Integer> later, java.util.function.BiFunction<Input, List<Input>, Input> join) {
        if (later.isEmpty()) return this;
        int[] removed = later.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        java.util.function.IntUnaryOperator moved = p -> {
            int below = Arrays.binarySearch(removed, p);
            return p - (below >= 0 ? below : -below - 1);
        };
        LongUnaryOperator renumber = index -> {
            Integer head = later.get((int) (index >>> 32));
            int place = head != null ? head : (int) (index >>> 32);
            return (long) moved.applyAsInt(place) << 32 | (index & 0xFFFFFFFFL);
        };
        // The ledger is in input order: each first part's later ones in file order.
        Map<Integer, List<Input>> laterOf = new java.util.HashMap<>();
        for (Input i : inputs) {
            Integer head = later.get((int) (i.index() >>> 32));
            if (head != null) laterOf.computeIfAbsent(head, k -> new ArrayList<>()).add(i);
        }
        List<Input> ledger = new ArrayList<>();
        for (Input i : inputs) {
            int place = (int) (i.index() >>> 32);
            if (later.containsKey(place)) continue;
            List<Input> parts = laterOf.get(place);
            ledger.add((parts == null ? i : join.apply(i, parts)).renumbered(renumber));
        }
        List<Run> placed = new ArrayList<>();
        for (Run r : runs) {
            int gone = (int) Arrays.stream(removed).filter(p -> p >= r.firstInput() && p < r.firstInput() + r.inputs()).count();
            placed.add(new Run(r.arguments(), r.started(), r.finished(), moved.applyAsInt(r.firstInput()), r.inputs() - gone,
                    r.walkErrors(), r.warnings()));
        }
        agg.renumberInputs(renumber);
        // Merged into an empty aggregate: the samples that now cite one input for two are sorted and bounded again.
        Aggregate folded = new Aggregate();
        folded.merge(agg);
        spent = true;
        return new Snapshot(placed, ledger, folded, text, threads);
    }

    /** An input and the part of it read on later, as one: the later identity, the counts summed, the errors of both. */
    private static Input continued(Input head, Input tail) {
        Input both = head.followedBy(tail);
        return both.identified(tail.sha256(), tail.bytes(), head.zone() != null ? head.zone() : tail.zone(),
                head.clientField() != null ? head.clientField() : tail.clientField(),
                head.localTimesAsUtc() != null ? head.localTimesAsUtc() : tail.localTimesAsUtc(), both.errors());
    }

    private static boolean within(Run r, long index) {
        long place = index >>> 32;
        return place >= r.firstInput() && place < (long) r.firstInput() + r.inputs();
    }

    /** Input indexes of each old run's places moved to its new run's: in order, as runs keep theirs. */
    private static LongUnaryOperator renumbering(List<Run[]> moves) {
        return index -> {
            for (Run[] m : moves) if (within(m[0], index)) return index + ((long) (m[1].firstInput() - m[0].firstInput()) << 32);
            return index;
        };
    }

    private void check() {
        if (spent) throw new IllegalStateException("this snapshot was merged into another, and is spent");
    }

    public List<Run> runs() { check(); return runs; }
    public List<Input> inputs() { check(); return inputs; }
    /** A copy of the totals. */
    public Totals totals() {
        check();
        Totals t = new Totals();
        t.merge(agg.totals);
        return t;
    }
    public Collection<SourceSummary> sources() { check(); return Collections.unmodifiableCollection(agg.sources.values()); }
    public int sourceCount() { check(); return agg.sources.size(); }
    public Collection<TargetSummary> targets() { check(); return Collections.unmodifiableCollection(agg.targets.values()); }
    /** UTC epoch day → attempts of {Code Red, Code Red II}; the arrays are not to be changed. */
    public NavigableMap<Long, long[]> daily() { check(); return Collections.unmodifiableNavigableMap(agg.daily); }
    /** Epoch hour → attempts of {Code Red, Code Red II}; the arrays are not to be changed. */
    public NavigableMap<Long, long[]> hourly() { check(); return agg.hourly.byHour(); }
    public long rejects(Reject reason) { check(); return agg.rejects(reason); }
    public List<RejectSample> rejectSamples() { check(); return Collections.unmodifiableList(agg.rejectSamples); }
    public List<Evidence> salvaged() { check(); return agg.salvaged.lines(); }
    public long unreadable400Count() { check(); return agg.unreadable400.count(); }
    public List<UnreadableFourHundreds.Line> unreadable400(String source) { check(); return Collections.unmodifiableList(agg.unreadable400.of(source)); }
    public long codeRedSources() { check(); return agg.codeRedSources(); }
    public long codeRedIISources() { check(); return agg.codeRedIISources(); }

    /** Where the evidence text past the budget is: its spill, and the inputs it may still be in. */
    public EvidenceText evidenceText() { check(); return text; }

    Aggregate aggregate() { check(); return agg; }

    /** Equal: the same runs and the same content ({@link #sameContent}), compared in the canonical binary form. */
    @Override public boolean equals(Object o) {
        return o instanceof Snapshot s && Arrays.equals(SnapshotFile.canonical(this, true), SnapshotFile.canonical(s, true));
    }

    @Override public int hashCode() {
        return Arrays.hashCode(SnapshotFile.canonical(this, true));
    }

    /**
     * Whether {@code o} holds what this one holds, whatever runs it came from (their arguments, times and
     * boundaries aside): the inputs of one run split in two and merged hold what the one run holds.
     */
    public boolean sameContent(Snapshot o) {
        return Arrays.equals(SnapshotFile.canonical(this, false), SnapshotFile.canonical(o, false));
    }

    @Override public String toString() {
        return "Snapshot[" + runs.size() + " runs, " + inputs.size() + " inputs, " + agg.sources.size() + " sources]";
    }
}
