package org.wormsign.format;

/** A log format, compiled: it makes a parser for each thread that reads lines in it. */
public interface LogFormat {
    /** The name reported in {@code summary.json} ({@code apache-combined}, {@code iis-w3c}, …). */
    String name();

    LineParser newParser();

    /**
     * The field the client is read from, as the format spells it ({@code %h}, {@code $remote_addr}, {@code c-ip}),
     * reported per input in summary.json; null when the format logs none (or does not say).
     */
    default String clientField() { return null; }

    /** Whether the format logs times with no offset, so that they are read in --tz (or UTC, with a warning). */
    default boolean logsLocalTime() { return false; }

    /**
     * This format with its local times read in {@code zone} (null: UTC), for an input whose zone differs
     * from the one it was compiled with; a format that logs no local time is itself.
     */
    default LogFormat inZone(java.time.ZoneId zone) { return this; }

    /**
     * What a chunk of a file in this format must begin with, read apart from the lines before it:
     * {@link ChunkDirectives#NONE} for lines that stand alone.
     */
    default ChunkDirectives chunkDirectives() { return ChunkDirectives.NONE; }
}
