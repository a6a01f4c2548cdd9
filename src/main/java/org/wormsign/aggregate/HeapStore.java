package org.wormsign.aggregate;

import java.util.function.Consumer;

/** The store of one run: summaries in a {@link SourceTable} on the heap. */
public final class HeapStore implements SourceStore {
    private final SourceTable table = new SourceTable();

    @Override public void merge(SourceSummary s, EvidenceText.Reader text) {
        SourceSummary mine = table.get(s.source());
        if (mine == null) table.adopt(s);
        else mine.merge(s);
    }

    @Override public SourceSummary get(String source) { return table.get(source); }

    @Override public long size() { return table.size(); }

    @Override public void forEach(Consumer<SourceSummary> each) { table.values().forEach(each); }
}
