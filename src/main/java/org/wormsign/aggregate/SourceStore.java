package org.wormsign.aggregate;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Where per-source summaries are kept: on the heap for one run ({@link HeapStore}), or in a persisted
 * Chronicle Map for a state that lasts from run to run ({@link ChronicleStore}). Both merge with
 * {@link SourceSummary#merge}, the one merge there is: a store adds storage, never arithmetic.
 */
public interface SourceStore {
    /**
     * Merges {@code s} into this store's summary of its source, or keeps it as that summary when there is none.
     * {@code text} reads the text of s's evidence that s does not keep in memory. {@code s} is spent.
     */
    void merge(SourceSummary s, EvidenceText.Reader text) throws IOException;

    /** The summary of {@code source} (a copy, for a store off the heap), or null when the store has none. */
    SourceSummary get(String source) throws IOException;

    long size();

    /** Every summary, in no particular order (a store off the heap makes each on the call). */
    void forEach(Consumer<SourceSummary> each) throws IOException;
}
