package org.wormsign.format.iis;

import java.time.ZoneId;

import org.wormsign.format.ChunkDirectives;
import org.wormsign.format.LineParser;
import org.wormsign.format.LogFormat;

/**
 * IIS's W3C extended log file format: {@code #} directives, then space-separated columns in the order the
 * latest {@code #Fields:} names. IIS writes {@code +} for spaces inside a value and its times in UTC; other
 * writers quote values, and IIS Advanced Logging logs local times.
 */
public final class W3cFormat implements LogFormat {
    public static final String NAME = "iis-w3c";

    /** The input's --tz zone, for IIS Advanced Logging's local columns in a file without {@code #GMT-Offset}; null: UTC. */
    private final ZoneId zone;

    public W3cFormat() { this(null); }

    public W3cFormat(ZoneId zone) { this.zone = zone; }

    @Override public String name() { return NAME; }

    @Override public LineParser newParser() { return new W3cParser(null, zone); }

    /** The client is always {@code c-ip}; a {@code #Fields} without it logs none (its lines are bad-address rejects). */
    @Override public String clientField() { return "c-ip"; }

    /** A parser for a part of a file that starts after a {@code #Fields:} line: it reads with those columns. */
    public LineParser newParser(W3cFields inForce) { return new W3cParser(inForce, zone); }

    /** A line means what the #Fields, #Date and #GMT-Offset before it say: a chunk begins with those in force. */
    @Override public ChunkDirectives chunkDirectives() { return new W3cChunkDirectives(); }

    /** Its lines are UTC unless a {@code #Fields} names local columns: the parser tells ({@link LineParser#localZone}). */
    @Override public LogFormat inZone(ZoneId zone) { return new W3cFormat(zone); }
}
