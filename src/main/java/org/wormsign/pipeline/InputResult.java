package org.wormsign.pipeline;

import java.util.List;

import org.wormsign.aggregate.Aggregate;

/**
 * What one input yielded: its identity (name as given, bytes as stored, SHA-256), how it was read (codec,
 * format, the zone of its local times: null when its format logs none, see {@link InputZones#applied}; the
 * field its client was read from: null when none, see {@link org.wormsign.format.LogFormat#clientField})
 * and its aggregate. {@code ignored} inputs were found in a folder (or an archive) and are not logs.
 * An archive yields one result for itself (format {@code archive}, no lines) and one per member, named
 * {@code archive!member}. {@code index} orders results: the input's place on the command line in the high
 * 32 bits, the member's place in its archive in the low 32.
 */
public record InputResult(long index, String name, long bytes, String sha256, String codec, String format,
                          java.time.ZoneId zone, String clientField, Aggregate aggregate, List<String> errors,
                          String ignoredBecause) {
    public InputResult {
        // One line each, whatever they quote (a member name read from a damaged archive header may hold a line break).
        errors = errors.stream().map(org.wormsign.input.IoErrors::oneLine).toList();
    }

    /** An input whose client field is not known (tests that build results by hand). */
    public InputResult(long index, String name, long bytes, String sha256, String codec, String format,
                       java.time.ZoneId zone, Aggregate aggregate, List<String> errors, String ignoredBecause) {
        this(index, name, bytes, sha256, codec, format, zone, null, aggregate, errors, ignoredBecause);
    }

    public boolean ignored() { return ignoredBecause != null; }
}
