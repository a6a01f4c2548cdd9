package org.wormsign.aggregate;

import org.wormsign.detect.Verdict;
import org.wormsign.format.LogRecord;
import org.wormsign.format.SourceAddress;

/**
 * One Code Red attempt as an {@link AttemptHook} sees it: a view the aggregator re-points at each attempt, so
 * that passing it makes nothing. Its source is held in the cheapest form the aggregator has (an IPv4 address as
 * an int, else the logged text, made only when asked for).
 *
 * <p>A salvaged attempt (the worm's request in a line no parser could read) has no status ({@code -1}), the
 * first address found in the line as its source (null if none), the first time found in the line (none if
 * none), and the input's name as its target: its line names no server the aggregator could read.
 */
public final class Attempt {
    private LogRecord record;
    /** The salvaged line's source; unused for a record. */
    private String salvagedSource;
    private long ipv4 = SourceAddress.NOT_IPV4;
    private long epochSecond;
    private String target;
    private Verdict verdict;
    private int status;
    private String input;
    private long inputIndex;
    private long line;
    private long offset;

    Attempt() {}

    void ofRecord(LogRecord r, long ipv4, Verdict v, String target, String input, long inputIndex, long line, long offset) {
        this.record = r;
        this.salvagedSource = null;
        this.ipv4 = ipv4;
        this.epochSecond = r.epochSecond();
        this.target = target;
        this.verdict = v;
        this.status = r.status();
        this.input = input;
        this.inputIndex = inputIndex;
        this.line = line;
        this.offset = offset;
    }

    void ofSalvaged(String source, long epochSecond, Verdict v, String input, long inputIndex, long line, long offset) {
        this.record = null;
        this.salvagedSource = source;
        this.ipv4 = source == null ? SourceAddress.NOT_IPV4 : ipv4Of(SourceAddress.parse(source));
        this.epochSecond = epochSecond;
        this.target = input;
        this.verdict = v;
        this.status = -1;
        this.input = input;
        this.inputIndex = inputIndex;
        this.line = line;
        this.offset = offset;
    }

    private static long ipv4Of(SourceAddress a) {
        return a.isIpv4() ? Integer.toUnsignedLong(a.ipv4()) : SourceAddress.NOT_IPV4;
    }

    /** Whether the source is a (canonical, or IPv4-mapped) IPv4 address: then {@link #ipv4} is it. */
    public boolean hasIpv4() { return ipv4 != SourceAddress.NOT_IPV4; }

    /** The source's IPv4 address as an unsigned int; only when {@link #hasIpv4}. */
    public int ipv4() {
        if (ipv4 == SourceAddress.NOT_IPV4) throw new IllegalStateException("the source is not an IPv4 address");
        return (int) ipv4;
    }

    /**
     * The source as hosts.csv names it (an IPv4-mapped client as its dotted quad, IPv6 in RFC 5952 text, a host
     * name as logged: {@link SourceAddress}); null for a salvaged line with no address. Makes a String.
     */
    public String source() {
        if (ipv4 != SourceAddress.NOT_IPV4) return SourceAddress.ipv4Text((int) ipv4);
        if (record == null) return salvagedSource;
        return record.clientStart() < 0 ? null : SourceAddress.parse(record.bytes(), record.clientStart(), record.clientEnd()).text();
    }

    /** The source as an address (IPv4, IPv6 or a host name); null for a salvaged line with no address. */
    public SourceAddress address() {
        if (ipv4 != SourceAddress.NOT_IPV4) return SourceAddress.ofIpv4((int) ipv4);
        String text = source();
        return text == null ? null : SourceAddress.parse(text);
    }

    /** UTC epoch seconds; {@link LogRecord#NO_TIME} when the line gave none (see {@link #hasTime}). */
    public long epochSecond() { return epochSecond; }

    public boolean hasTime() { return epochSecond != LogRecord.NO_TIME; }

    /** The server it was sent to: its logged address or host, else the input's name (as in hosts.csv's servers). */
    public String target() { return target; }

    /** Which variant, and whether truncated. */
    public Verdict verdict() { return verdict; }

    public Verdict.Variant variant() { return verdict.variant(); }

    /** The status the server answered; -1 when not logged, and for a salvaged attempt. */
    public int status() { return status; }

    /** Whether it was found in a rejected line, not in a record: counted apart ({@code code_red_in_rejects}). */
    public boolean salvaged() { return record == null; }

    /** The input as named in the outputs ({@code archive!member} for a member). */
    public String input() { return input; }

    /** The input's place among all inputs, as {@link Evidence} orders by it. */
    public long inputIndex() { return inputIndex; }

    /** 1-based line of the input (of the chunk, until {@link AttemptHook#shiftLines} places it). */
    public long line() { return line; }

    /** Byte offset of the line in the (decompressed) input. */
    public long offset() { return offset; }
}
