package org.wormsign.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.wormsign.aggregate.StateFolder;
import org.wormsign.input.Input;

/**
 * A state's run's inputs sorted by what the state makes of them ({@link StateFolder#check}): those to read, the
 * ones read on from inputs absorbed before first, in the state's order ({@link StateFolder#absorb}), each new plain
 * log up to its last line end; the streams (known only once read); and, in one warning each, those absorbed before
 * and those whose last line is not ended yet.
 */
final class StateInputs {
    /** What is read, continuations first; {@code continued.get(k)} is what the k-th goes on from. */
    final List<Input> read = new ArrayList<>();
    final List<StateFolder.Check> continued;
    /** What {@link StateFolder#check} found of each new input, by name. */
    final Map<String, StateFolder.Check> checked = new HashMap<>();
    final List<String> streams = new ArrayList<>();
    final List<String> notes = new ArrayList<>();

    private StateInputs(List<StateFolder.Check> continued) {
        this.continued = continued;
    }

    static StateInputs sort(StateFolder st, List<Input> inputs, Path state) throws IOException {
        List<Input> fresh = new ArrayList<>();
        List<String> already = new ArrayList<>(), left = new ArrayList<>();
        TreeMap<Integer, StateFolder.Check> continued = new TreeMap<>();
        Map<Integer, Input> continuing = new HashMap<>();
        Map<String, StateFolder.Check> checked = new HashMap<>();
        List<String> streams = new ArrayList<>();
        for (Input in : inputs) {
            Path p = in.path();
            if (p == null || !Files.isRegularFile(p)) {
                streams.add(in.name());
                fresh.add(in);
                continue;
            }
            StateFolder.Check seen = st.check(in.name(), p);
            if (seen.left() > 0) left.add(in.name() + " (" + seen.left() + " bytes)");
            switch (seen.seen()) {
                case NEW -> {
                    if (seen.end() == 0) continue;   // one line, not ended yet: nothing to read before it ends
                    checked.put(in.name(), seen);
                    fresh.add(seen.end() >= 0 ? in.upTo(seen.end()) : in);
                }
                case SAME_BYTES -> already.add(in.name());
                case SAME_CONTENT_COMPRESSED -> already.add(in.name() + " (the content of " + seen.absorbedAs() + ", compressed)");
                case NOTHING_NEW -> already.add(in.name() + " (but a line not ended yet)");
                case CONTINUES -> {
                    // Read on under the name its first lines were absorbed under: the lines are that log's, at its line numbers.
                    Input on = Input.file(seen.absorbedAs(), p, in.explicit()).resumed(seen.resume(), seen.end());
                    Input twice = continuing.put(seen.place(), on);
                    if (twice != null) {
                        throw new UsageException(in.name() + " and " + twice.path() + " both go on from " + seen.absorbedAs()
                                + ", absorbed before: give one of them (nothing was absorbed into state " + state + ")");
                    }
                    continued.put(seen.place(), seen);
                }
            }
        }
        StateInputs sorted = new StateInputs(List.copyOf(continued.values()));
        for (int place : continued.keySet()) sorted.read.add(continuing.get(place));
        sorted.read.addAll(fresh);
        sorted.checked.putAll(checked);
        sorted.streams.addAll(streams);
        // One line however many: a nightly run over a folder of a year's logs skips all but the night's.
        if (!already.isEmpty()) {
            sorted.notes.add(already.size() + (already.size() == 1 ? " input was" : " inputs were") + " absorbed by an earlier run (the same bytes)"
                    + " and not read again: " + firstFew(already));
        }
        if (!left.isEmpty()) {
            sorted.notes.add(left.size() + (left.size() == 1 ? " input ends" : " inputs end") + " with a line not ended yet (being written?), left for"
                    + " the next run: " + firstFew(left));
        }
        return sorted;
    }

    private static String firstFew(List<String> all) {
        return String.join(", ", all.subList(0, Math.min(5, all.size()))) + (all.size() > 5 ? ", …" : "");
    }

    /** Whether the input at this index of the run goes on from one absorbed before. */
    boolean continues(long index) {
        return (index >>> 32) < continued.size();
    }

    /** The file the input at this index of the run, one that goes on from another, was read from. */
    Path fileOf(long index) {
        return read.get((int) (index >>> 32)).path();
    }
}
