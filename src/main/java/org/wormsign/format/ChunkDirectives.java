package org.wormsign.format;

import java.time.ZoneId;

/**
 * What a format's lines mean may depend on directives logged before them (W3C's {@code #Fields}, {@code #Date},
 * {@code #GMT-Offset}). A file cut into chunks read at once needs each chunk begun with those in force at its
 * start; this says, for one format, what carries across a cut, so that the pipeline cuts and merges without
 * knowing any directive. {@link #NONE} for a format whose lines stand alone.
 *
 * <p>The pipeline begins every chunk but the first with {@link #atHead} (the usual case: one header, or the same
 * one at each restart), then, in file order, asks each chunk whether it was read as it would have been begun
 * with what the chunks before it {@link Chunk#leaves left in force}, and reads it again with those if not.
 */
public interface ChunkDirectives {
    /**
     * The directives in force at some offset of a file: immutable, and opaque to all but their format; serializable,
     * as a Spark task that reads a range of a file is sent those it begins with.
     */
    interface InForce extends java.io.Serializable {}

    /** Nothing in force: the file's first byte. */
    InForce none();

    /** Those in force after the file's head: its first {@code length} bytes (a directive block is a few hundred). */
    InForce atHead(byte[] head, int length);

    /**
     * A chunk about to be read by {@code parser}: sets the parser up as if the lines that left {@code primed}
     * in force had been read, and returns what watches the chunk's lines.
     */
    Chunk begin(LineParser parser, InForce primed);

    /** One chunk's reading, as far as its directives go. */
    interface Chunk {
        /** Shown every line of the chunk, in order, before it is parsed. */
        void line(byte[] b, int start, int end);

        /** Once read: whether its lines mean what they would have meant begun with {@code inForce}. */
        boolean readAsIfPrimedWith(InForce inForce);

        /** Once read: the directives in force after it, given those in force before it. */
        InForce leaves(InForce before);

        /** Once read: the zone of the last local time it read, or null (none, or a format that logs none). */
        ZoneId localZone();

        /**
         * Once read: the same answers as this, holding nothing of the parser and serializable (a Spark task's range
         * is read on an executor, and judged against the ranges before it on the driver). Its {@link #line} is not called.
         */
        Chunk alone();
    }

    /** {@link #NONE}'s directives and chunks: nothing carries across a cut. A named enum, so that it travels. */
    enum Nothing implements InForce, Chunk {
        NOTHING;

        @Override public void line(byte[] b, int start, int end) {}
        @Override public boolean readAsIfPrimedWith(InForce inForce) { return true; }
        @Override public InForce leaves(InForce before) { return before; }
        @Override public ZoneId localZone() { return null; }
        @Override public Chunk alone() { return this; }
    }

    /** Lines that mean the same whatever came before them: any chunk is read as if primed with anything. */
    ChunkDirectives NONE = new ChunkDirectives() {
        @Override public InForce none() { return Nothing.NOTHING; }
        @Override public InForce atHead(byte[] head, int length) { return Nothing.NOTHING; }
        @Override public Chunk begin(LineParser parser, InForce primed) { return Nothing.NOTHING; }
    };
}
