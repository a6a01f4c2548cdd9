package org.wormsign.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

import org.wormsign.aggregate.RadixSort;
import org.wormsign.aggregate.Snapshot;
import org.wormsign.aggregate.SourceSummary;
import org.wormsign.aggregate.StateFolder;
import org.wormsign.aggregate.TextBudget;
import org.wormsign.format.SourceAddress;

/**
 * A state's sources in the hosts table's order, without holding them: each source's value is copied from the
 * state's map into a temporary file in the state's folder (unlinked as it is opened, so nothing of it outlives the
 * process), a few bytes a source are kept to put them in order, and a row is read back and decoded when the outputs
 * reach it. Ten million sources' summaries do not fit a heap of a few hundred megabytes, nor their map a resident set
 * of one gigabyte; this costs 8 bytes a source while the outputs are written, and a copy of the values on disk.
 */
public final class StoredHosts extends AbstractList<ReportModel.HostRow> implements RandomAccess, AutoCloseable {
    /** A value's length in the low bits of its place; a value this long or longer has its length in {@link #longValues}. */
    private static final int LENGTH_BITS = 24;
    private static final int LONG_VALUE = (1 << LENGTH_BITS) - 1;

    private final FileChannel values;
    /** Per row, in the table's order: the value's offset in {@link #values} and its length. */
    private final long[] at;
    private final Map<Long, Integer> longValues;
    private final StateFolder.SourceDecoder decoder;
    private final ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[4096]);

    private StoredHosts(FileChannel values, long[] at, Map<Long, Integer> longValues, StateFolder.SourceDecoder decoder) {
        this.values = values;
        this.at = at;
        this.longValues = longValues;
        this.decoder = decoder;
    }

    /** The report model of a state and the hosts it lists, to be closed once the outputs are written. */
    public record Read(ReportModel model, StoredHosts hosts) implements AutoCloseable {
        @Override public void close() throws IOException { hosts.close(); }
    }

    /** The model of the state {@code st}: its sources read from the map once, in the map's order. */
    public static Read model(StateFolder st, TextBudget budget, String version, long gapSeconds) throws IOException {
        FileChannel file = FileChannel.open(st.folder().resolve("report-sources-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".tmp"),
                StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
        try {
            Collector c = new Collector(file, st.sources());
            Snapshot rest = st.readRest(budget);
            HostFacts facts = ReportModel.facts(rest);
            st.forEachSource(rest, (value, summary) -> {
                ReportModel.HostRow row = new ReportModel.HostRow(summary);
                c.add(value, row);
                facts.add(row);
            });
            StoredHosts hosts = c.finish(st.decoder(rest));
            return new Read(ReportModel.of(rest, hosts, facts, version, gapSeconds), hosts);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    @Override public ReportModel.HostRow get(int index) {
        long a = at[index];
        long offset = a >>> LENGTH_BITS;
        int length = (int) (a & LONG_VALUE);
        if (length == LONG_VALUE) length = longValues.get(offset);
        byte[] b = buffers.get();
        if (b.length < length) {
            b = new byte[Math.max(length, b.length * 2)];
            buffers.set(b);
        }
        try {
            ByteBuffer into = ByteBuffer.wrap(b, 0, length);
            while (into.hasRemaining()) {
                if (values.read(into, offset + into.position()) < 0) throw new IOException("the copy of the state's sources ends early");
            }
            return new ReportModel.HostRow(decoder.decode(b, 0, length));
        } catch (IOException e) {
            throw new UncheckedIOException("a source of the state could not be read back: " + e.getMessage(), e);
        }
    }

    @Override public int size() { return at.length; }

    @Override public void close() throws IOException { values.close(); }

    /** The values copied as they come, and what puts them in order. */
    private static final class Collector {
        private final OutputStream out;
        private long written;
        /** IPv4 sources: (Integer.MAX_VALUE - attempts) << 32 | the address's text order, which sort as the rows do. */
        private long[] keys;
        private long[] places;
        private int count;
        /** The other sources (IPv6, names, more than Integer.MAX_VALUE attempts): few, ordered as HostRow orders them. */
        private final List<Named> named = new ArrayList<>();
        private final Map<Long, Integer> longValues = new HashMap<>();
        private final FileChannel file;

        /** Made for the {@code expected} sources the state's manifest counts: ten million keys doubled past it would waste 250 MB. */
        Collector(FileChannel file, long expected) {
            this.file = file;
            int n = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(16, expected));
            this.keys = new long[n];
            this.places = new long[n];
            this.out = new BufferedOutputStream(Channels.newOutputStream(file), 1 << 20);
        }

        void add(byte[] value, ReportModel.HostRow row) throws IOException {
            long place = written << LENGTH_BITS | Math.min(value.length, LONG_VALUE);
            if (value.length >= LONG_VALUE) longValues.put(written, value.length);
            out.write(value);
            written += value.length;
            SourceSummary s = row.summary();
            if (s.isIpv4() && row.attempts() <= Integer.MAX_VALUE) {
                if (count == keys.length) {
                    keys = Arrays.copyOf(keys, count + (count >> 1));
                    places = Arrays.copyOf(places, count + (count >> 1));
                }
                keys[count] = (long) (Integer.MAX_VALUE - (int) row.attempts()) << 32 | (SourceAddress.ipv4TextOrder(s.ipv4()) & 0xFFFFFFFFL);
                places[count++] = place;
            } else {
                named.add(new Named(row.attempts(), row.sourcePrefix(), s.source(), s.isIpv4(), s.ipv4(), place));
            }
        }

        StoredHosts finish(StateFolder.SourceDecoder decoder) throws IOException {
            out.flush();
            int[] order = new int[count];
            for (int i = 0; i < count; i++) order[i] = i;
            RadixSort.sortByKey(keys, order, count);
            named.sort(Named.ORDER);
            long[] at = new long[count + named.size()];
            int i = 0, j = 0;
            for (int row = 0; row < at.length; row++) {
                boolean fromKeys = j == named.size() || i < count && compare(keys[i], named.get(j)) < 0;
                at[row] = fromKeys ? places[order[i++]] : named.get(j++).place;
            }
            keys = null;
            places = null;
            return new StoredHosts(file, at, Map.copyOf(longValues), decoder);
        }

        /** {@link ReportModel.HostRow#BUSIEST_FIRST} between an IPv4 source's key and another source. */
        private static int compare(long key, Named n) {
            long attempts = Integer.MAX_VALUE - (key >>> 32);
            if (attempts != n.attempts) return attempts > n.attempts ? -1 : 1;
            int address = SourceAddress.ipv4OfTextOrder((int) key);
            int c = Long.compareUnsigned(SourceAddress.ipv4TextPrefix(address), n.prefix);
            if (c != 0) return c;
            if (n.ipv4) return SourceAddress.compareIpv4Text(address, n.address);
            return SourceAddress.ipv4Text(address).compareTo(n.source);
        }
    }

    private record Named(long attempts, long prefix, String source, boolean ipv4, int address, long place) {
        /** As {@link ReportModel.HostRow#BUSIEST_FIRST}. */
        static final Comparator<Named> ORDER = (a, b) -> {
            if (a.attempts != b.attempts) return a.attempts > b.attempts ? -1 : 1;
            int c = Long.compareUnsigned(a.prefix, b.prefix);
            if (c != 0) return c;
            if (a.ipv4 && b.ipv4) return SourceAddress.compareIpv4Text(a.address, b.address);
            return a.source.compareTo(b.source);
        };
    }
}
