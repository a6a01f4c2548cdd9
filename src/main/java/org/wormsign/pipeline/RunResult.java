package org.wormsign.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.wormsign.aggregate.Aggregate;
import org.wormsign.aggregate.Snapshot;
import org.wormsign.aggregate.Totals;
import org.wormsign.format.Reject;
import org.wormsign.input.InputError;

/** The outcome of one analysis run, before any rendering. */
public record RunResult(AnalyzeOptions options, Instant started, Instant finished, List<InputResult> inputs,
                        List<InputError> walkErrors, Aggregate merged) {

    /** True when some input could not be read completely: the run's exit status is then 1. */
    public boolean incomplete() {
        return !walkErrors.isEmpty() || inputs.stream().anyMatch(r -> !r.errors().isEmpty());
    }

    /**
     * The run as a {@link Snapshot}, which every output is rendered from: its merged aggregate is taken over
     * (so this is called once), and the evidence text left in plain inputs is read into the run's spill.
     */
    public Snapshot snapshot() {
        InputZones zones = options.zones();
        List<Snapshot.Input> ledger = new ArrayList<>();
        long places = 0;
        for (InputResult r : inputs) {
            Totals t = r.aggregate().totals();
            Map<String, Long> byReason = new LinkedHashMap<>();
            for (Reject x : Reject.values()) if (r.aggregate().rejects(x) > 0) byReason.put(x.code(), r.aggregate().rejects(x));
            String localAsUtc = r.ignored() ? null : zones.localTimesAsUtc(r.name(), r.zone());
            ledger.add(new Snapshot.Input(r.index(), r.name(), r.sha256(), r.bytes(), r.codec(), r.format(),
                    r.zone() == null ? null : r.zone().getId(), r.clientField(), t.lines(), t.records(), t.rejected(), t.skipped(),
                    t.realigned(), t.recordsWithoutTime(), byReason, localAsUtc, r.errors(), r.ignoredBecause()));
            places = Math.max(places, (r.index() >>> 32) + 1);
        }
        List<String> logs = inputs.stream().filter(r -> !r.ignored() && !"archive".equals(r.format())).map(InputResult::name).toList();
        Snapshot.Run run = new Snapshot.Run(options.arguments(), started, finished, 0, (int) places,
                walkErrors.stream().map(InputError::toString).toList(), zones.unusedRules(logs));
        return Snapshot.freeze(merged, run, ledger, options.textBudget(), options.threads());
    }
}
