package org.wormsign.pipeline;

import java.util.List;

import org.wormsign.aggregate.Aggregate;

/**
 * What one input yielded: its identity (name as given, bytes as stored, SHA-256), how it was read (codec,
 * format) and its aggregate. {@code ignored} inputs were found in a folder and are not logs.
 */
public record InputResult(int index, String name, long bytes, String sha256, String codec, String format,
                          Aggregate aggregate, List<String> errors, String ignoredBecause) {
    public boolean ignored() { return ignoredBecause != null; }
}
