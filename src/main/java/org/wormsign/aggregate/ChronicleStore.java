package org.wormsign.aggregate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.List;
import java.util.function.Consumer;

import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

/**
 * Per-source summaries in a persisted Chronicle Map: off the heap, in a file mapped into memory, so a state of
 * millions of sources costs the pages a run touches rather than a heap that holds them all; and a run never holds
 * many of those pages at once ({@link #MAPPED_BYTES}, {@link #inMapOrder}, {@link #readAll}). The key is the
 * source ('I' and the IPv4 address's 4 bytes, or 'N' and the source's text in UTF-8); the value is the summary
 * in {@link SnapshotFile}'s binary form, evidence text included (one form of a summary, not a second), deflated.
 *
 * <p>Chronicle Map promises no durability across keys, and a process killed in the middle of a put leaves that
 * entry's checksum wrong (recovery then drops it): {@link StateFolder} keeps the commit outside the map.
 */
final class ChronicleStore implements SourceStore, AutoCloseable {
    static {
        // Chronicle's libraries report usage over the network unless this is set before they load; set here too,
        // for whoever uses the store without going through cli.Main.
        System.setProperty("chronicle.analytics.disable", "true");
        if (System.getProperty("slf4j.internal.verbosity") == null) System.setProperty("slf4j.internal.verbosity", "ERROR");
    }

    /** Past this factor of its entries the map refuses entries: far past the size {@link StateFolder} plans for. */
    static final double MAX_BLOAT = 4.0;

    /** A map that has no room for another source; nothing of the run that met it is committed. */
    static final class Full extends IOException {
        Full(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private ChronicleMap<byte[], byte[]> map;
    private final Path file;
    private final long entries;
    private final double valueBytes;
    /** Lookups since the resident set was last looked at, and the file-backed part of it when the map was opened. */
    private int sinceLooked;
    private long residentAtOpen;
    /** {@link #MAPPED_BYTES} and {@link #LOOK_EVERY}, but in tests. */
    private final long mappedBytes;
    private final int lookEvery;
    /** Where evidence text read back from the map goes past the budget's bytes in memory. */
    private final TextBudget budget;

    private ChronicleStore(ChronicleMap<byte[], byte[]> map, Path file, long entries, double valueBytes, TextBudget budget,
                           long mappedBytes, int lookEvery) {
        this.map = map;
        this.mappedBytes = mappedBytes;
        this.lookEvery = lookEvery;
        this.file = file;
        this.entries = entries;
        this.valueBytes = valueBytes;
        this.residentAtOpen = ResidentFilePages.bytes();
        this.budget = budget;
    }

    /**
     * The map in {@code file}, made for {@code entries} sources of about {@code valueBytes} each if the file does
     * not exist yet (an existing file keeps the sizes it was made with).
     */
    static ChronicleStore open(Path file, long entries, double valueBytes, TextBudget budget) throws IOException {
        return open(file, entries, valueBytes, budget, MAPPED_BYTES, LOOK_EVERY);
    }

    /** {@link #open(Path, long, double, TextBudget)}, opened again past {@code mappedBytes}, looked at every {@code lookEvery} lookups. */
    static ChronicleStore open(Path file, long entries, double valueBytes, TextBudget budget, long mappedBytes, int lookEvery) throws IOException {
        requireCompiler();
        return new ChronicleStore(builder(entries, valueBytes).createPersistedTo(file.toFile()), file, entries, valueBytes, budget,
                mappedBytes, lookEvery);
    }

    /**
     * The map in {@code file} after a process that had it open ended without closing it: its locks freed and
     * every entry checked; an entry whose checksum fails is dropped and counted in {@code corruptions}.
     */
    static ChronicleStore recover(Path file, long entries, double valueBytes, TextBudget budget, AtomicLong corruptions) throws IOException {
        requireCompiler();
        ChronicleMap<byte[], byte[]> m = builder(entries, valueBytes).recoverPersistedTo(file.toFile(), false, c -> corruptions.incrementAndGet());
        return new ChronicleStore(m, file, entries, valueBytes, budget, MAPPED_BYTES, LOOK_EVERY);
    }

    /** A usage error in one line where Chronicle Map cannot work: it compiles classes as it runs. */
    static void requireCompiler() throws IOException {
        if (ModuleLayer.boot().findModule("jdk.compiler").isEmpty()) {
            throw new StateFolder.Refused("the state needs a Java with the jdk.compiler module (a JDK, not a JRE): Chronicle Map compiles classes as it runs");
        }
    }

    private static ChronicleMapBuilder<byte[], byte[]> builder(long entries, double valueBytes) {
        return ChronicleMapBuilder.of(byte[].class, byte[].class)
                .name("wormsign-sources")
                .entries(Math.max(1024, entries))
                // IPv4 sources (5 bytes) are most; host names and IPv6 addresses are longer.
                .averageKeySize(8)
                .averageValueSize(Math.max(64, valueBytes))
                .maxBloatFactor(MAX_BLOAT);
    }

    static byte[] key(SourceSummary s) {
        if (s.isIpv4()) {
            int a = s.ipv4();
            return new byte[] {'I', (byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a};
        }
        byte[] name = s.name().getBytes(StandardCharsets.UTF_8);
        byte[] k = new byte[name.length + 1];
        k[0] = 'N';
        System.arraycopy(name, 0, k, 1, name.length);
        return k;
    }

    /**
     * The summary in its binary form, its evidence text read from memory or by {@code text}, deflated: evidence
     * lines are most of a value, and a Code Red line (224 N or X) shrinks to a fifth or less. The map, and the pages
     * of it a run touches, shrink with it (bench/RESULTS.md, issue 19).
     */
    static byte[] encode(SourceSummary s, EvidenceText.Reader text) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(256);
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_SPEED, true);
        try (DataOutputStream d = new DataOutputStream(new java.util.zip.DeflaterOutputStream(b, deflater, 512))) {
            s.write(new SnapshotFile.Out(d, text));
        } finally {
            deflater.end();
        }
        return b.toByteArray();
    }

    SourceSummary decode(byte[] value) throws IOException {
        return decode(value, 0, value.length, budget);
    }

    /**
     * A value's summary, its evidence text kept in memory while {@code budget} lasts and spilled past it. The value
     * is inflated whole into a buffer first: read through an InflaterInputStream, each int of the summary was an
     * inflate call per byte, most of a state's read (bench/RESULTS.md, issue 19).
     */
    static SourceSummary decode(byte[] value, int from, int length, TextBudget budget) throws IOException {
        Inflating z = INFLATING.get();
        z.inflater.reset();
        z.inflater.setInput(value, from, length);
        int n = 0;
        try {
            while (!z.inflater.finished()) {
                if (n == z.buffer.length) z.buffer = java.util.Arrays.copyOf(z.buffer, z.buffer.length * 2);
                int got = z.inflater.inflate(z.buffer, n, z.buffer.length - n);
                if (got == 0 && (z.inflater.needsInput() || z.inflater.needsDictionary())) {
                    throw new SnapshotFile.Unreadable("damaged: a source's summary that does not inflate: it ends early");
                }
                n += got;
            }
        } catch (java.util.zip.DataFormatException e) {
            throw new SnapshotFile.Unreadable("damaged: a source's summary that does not inflate: " + e.getMessage());
        }
        try (DataInputStream d = new DataInputStream(new ByteArrayInputStream(z.buffer, 0, n))) {
            SourceSummary s = SourceSummary.read(new SnapshotFile.In(d, budget));
            if (d.read() != -1) throw new SnapshotFile.Unreadable("damaged: a source's summary longer than it says");
            return s;
        } catch (java.io.EOFException e) {
            throw new SnapshotFile.Unreadable("damaged: a source's summary shorter than it says");
        } finally {
            // A buffer grown by one source with thousands of servers is not kept for the rest.
            if (z.buffer.length > 1 << 20) z.buffer = new byte[4096];
        }
    }

    /** Each thread's inflater and buffer: made per value, they were a tenth of a state's read. */
    private static final class Inflating {
        final java.util.zip.Inflater inflater = new java.util.zip.Inflater(true);
        byte[] buffer = new byte[4096];
    }

    private static final ThreadLocal<Inflating> INFLATING = ThreadLocal.withInitial(Inflating::new);

    @Override public void merge(SourceSummary s, EvidenceText.Reader text) throws IOException {
        mergeCounting(s, text);
    }

    /** {@link #merge}, returning the size of the value it wrote (the state plans its next map from them). */
    int mergeCounting(SourceSummary s, EvidenceText.Reader text) throws IOException {
        byte[] k = key(s);
        byte[] old = get(k);
        SourceSummary merged;
        if (old == null) {
            merged = s;
        } else {
            merged = decode(old);
            merged.merge(s);
        }
        byte[] v = encode(merged, text);
        put(k, v);
        return v.length;
    }

    /**
     * Puts every entry of the map in {@code file} into {@code bigger}, as it is (a map that has to grow is copied into
     * a new one), reading it as {@link #readAll} does.
     */
    static void copy(Path file, long entries, double valueBytes, ChronicleStore bigger) throws IOException {
        List<byte[][]> batch = new java.util.ArrayList<>();
        long[] bytes = new long[1];
        readAll(file, entries, valueBytes, READ_WINDOW, (key, value) -> {
            batch.add(new byte[][] {key, value});
            bytes[0] += key.length + value.length;
            if (bytes[0] >= COPY_BATCH) {
                bigger.putInMapOrder(batch);
                batch.clear();
                bytes[0] = 0;
            }
        });
        bigger.putInMapOrder(batch);
    }

    /**
     * Entries copied are put this many bytes at a time, in the order of the larger map's segments: the same sweep
     * through its file as {@link #inMapOrder} makes, a batch at a time.
     */
    private static final long COPY_BATCH = 64L << 20;

    private void putInMapOrder(List<byte[][]> entries) throws IOException {
        long[] keyed = new long[entries.size()];
        for (int i = 0; i < keyed.length; i++) {
            try (var context = map.queryContext(entries.get(i)[0])) {
                keyed[i] = (long) context.segmentIndex() << 32 | i;
            }
        }
        java.util.Arrays.sort(keyed);
        for (long k : keyed) {
            byte[][] e = entries.get((int) k);
            put(e[0], e[1]);
        }
    }

    /**
     * {@code sources} in the order of the map's segments that hold them: a night's lookups then go through the file
     * from its start to its end instead of at random, so each page is mapped once while the map is opened again
     * past {@link #MAPPED_BYTES} (at random, a night of a million lookups mapped the same pages again and again).
     */
    List<SourceSummary> inMapOrder(java.util.Collection<SourceSummary> sources) {
        SourceSummary[] all = sources.toArray(new SourceSummary[0]);
        long[] keyed = new long[all.length];
        for (int i = 0; i < all.length; i++) {
            try (var context = map.queryContext(key(all[i]))) {
                keyed[i] = (long) context.segmentIndex() << 32 | i;
            }
        }
        java.util.Arrays.sort(keyed);
        List<SourceSummary> out = new java.util.ArrayList<>(all.length);
        for (long k : keyed) out.add(all[(int) k]);
        return out;
    }

    /** The value of {@code key}, or null. */
    byte[] bytes(byte[] key) throws IOException { return get(key); }

    /** Sets {@code key} to {@code value}, or removes it when value is null (an undo log's entry put back). */
    void restore(byte[] key, byte[] value) throws IOException {
        looked();
        if (value == null) map.remove(key);
        else put(key, value);
    }

    /**
     * Past this many bytes of file pages mapped since the map was opened, it is closed and opened again: a map keeps
     * every page a lookup touched mapped into the process (and Linux maps up to 64 KiB of cached pages around each
     * fault), so a night of a million lookups made the resident set as large as the map (bench/RESULTS.md, issue 19).
     * Unmapped, the pages stay in the page cache, written back as any file's.
     */
    static final long MAPPED_BYTES = 128L << 20;
    /** Lookups between two looks at the resident set. */
    private static final int LOOK_EVERY = 256;
    /** Times the map was closed and opened again (tests look). */
    int reopened;

    private byte[] get(byte[] k) throws IOException {
        looked();
        return map.get(k);
    }

    /** Every {@link #LOOK_EVERY} lookups, the map opened again if its pages mapped are past {@link #MAPPED_BYTES}. */
    private void looked() throws IOException {
        if (++sinceLooked < lookEvery) return;
        sinceLooked = 0;
        long resident = ResidentFilePages.bytes();
        if (resident < 0 || resident - residentAtOpen <= mappedBytes) return;
        // Not forced to the disk here: the store's close forces every page of the file, written through either mapping.
        map.close();
        map = builder(entries, valueBytes).createPersistedTo(file.toFile());
        residentAtOpen = ResidentFilePages.bytes();
        reopened++;
    }

    private void put(byte[] k, byte[] v) throws IOException {
        looked();
        try {
            map.put(k, v);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new Full("the state's map is full (" + map.size() + " sources, made for " + entries + "): " + e.getMessage(), e);
        }
    }

    @Override public SourceSummary get(String source) throws IOException {
        SourceSummary probe = new SourceSummary(source);
        byte[] v = get(key(probe));
        return v == null ? null : decode(v);
    }

    @Override public long size() { return map.longSize(); }

    @Override public void forEach(Consumer<SourceSummary> each) throws IOException {
        IOException[] failed = new IOException[1];
        map.forEachEntry(e -> {
            if (failed[0] != null) return;
            try {
                each.accept(decode(e.value().get()));
            } catch (IOException x) {
                failed[0] = x;
            }
        });
        if (failed[0] != null) throw failed[0];
    }

    /** Given each entry by {@link #readAll}. */
    interface EntryVisitor {
        void accept(byte[] key, byte[] value) throws IOException;
    }

    /** The values of a map are read this many bytes at a time through one mapping (see {@link #readAll}). */
    static final long READ_WINDOW = 64L << 20;

    /**
     * Every value of the map in {@code file}, segment by segment, the map closed and opened again after each
     * {@code window} bytes of values: an open map keeps every page it touched mapped into the process, so a
     * state read whole through one mapping made the resident set as large as the map (bench/RESULTS.md, issue 19);
     * closing it unmaps them (they stay in the page cache, not in this process).
     */
    static void readAll(Path file, long entries, double valueBytes, long window, EntryVisitor each) throws IOException {
        IOException[] failed = new IOException[1];
        int segment = 0, segments;
        do {
            try (ChronicleStore store = open(file, entries, valueBytes, null)) {
                segments = store.map.segments();
                long read = 0;
                for (; segment < segments && read < window && failed[0] == null; segment++) {
                    long[] bytes = new long[1];
                    try (var context = store.map.segmentContext(segment)) {
                        context.forEachSegmentEntry(e -> {
                            if (failed[0] != null) return;
                            // Copies: the arrays a map's Data gives may be reused for the next entry.
                            byte[] k = e.key().getUsing(null), v = e.value().getUsing(null);
                            bytes[0] += k.length + v.length;
                            try {
                                each.accept(k, v);
                            } catch (IOException x) {
                                failed[0] = x;
                            }
                        });
                    }
                    read += bytes[0];
                }
            }
            if (failed[0] != null) throw failed[0];
        } while (segment < segments);
    }

    /** Closes the map, then writes its pages to the disk: whatever a crash after this returns finds is this. */
    @Override public void close() throws IOException {
        map.close();
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.force(true);
        }
    }
}
