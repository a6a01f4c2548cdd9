package org.wormsign.pipeline;

/** Told how far a run has read, from any scanning thread. */
public interface Progress {
    /** @param totalBytes the stored size of all inputs, or -1 when some size is unknown (standard input) */
    void start(long totalBytes);

    /** Some bytes of some input were read (as stored, before decompression). Called from any thread. */
    void advance(long bytes);

    void finish();

    Progress NONE = new Progress() {
        @Override public void start(long totalBytes) { }
        @Override public void advance(long bytes) { }
        @Override public void finish() { }
    };
}
