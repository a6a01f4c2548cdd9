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
import java.util.function.Consumer;

import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

/**
 * Per-source summaries in a persisted Chronicle Map: off the heap, in a file mapped into memory, so a state of
 * millions of sources costs the pages a run touches rather than a heap that holds them all. The key is the
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

    private final ChronicleMap<byte[], byte[]> map;
    private final Path file;
    private final long entries;
    /** Where evidence text read back from the map goes past the budget's bytes in memory. */
    private final TextBudget budget;

    private ChronicleStore(ChronicleMap<byte[], byte[]> map, Path file, long entries, TextBudget budget) {
        this.map = map;
        this.file = file;
        this.entries = entries;
        this.budget = budget;
    }

    /**
     * The map in {@code file}, made for {@code entries} sources of about {@code valueBytes} each if the file does
     * not exist yet (an existing file keeps the sizes it was made with).
     */
    static ChronicleStore open(Path file, long entries, double valueBytes, TextBudget budget) throws IOException {
        requireCompiler();
        return new ChronicleStore(builder(entries, valueBytes).createPersistedTo(file.toFile()), file, entries, budget);
    }

    /**
     * The map in {@code file} after a process that had it open ended without closing it: its locks freed and
     * every entry checked; an entry whose checksum fails is dropped and counted in {@code corruptions}.
     */
    static ChronicleStore recover(Path file, long entries, double valueBytes, TextBudget budget, AtomicLong corruptions) throws IOException {
        requireCompiler();
        ChronicleMap<byte[], byte[]> m = builder(entries, valueBytes).recoverPersistedTo(file.toFile(), false, c -> corruptions.incrementAndGet());
        return new ChronicleStore(m, file, entries, budget);
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
        java.util.zip.Inflater inflater = new java.util.zip.Inflater(true);
        try (DataInputStream d = new DataInputStream(new java.util.zip.InflaterInputStream(new ByteArrayInputStream(value), inflater, 512))) {
            SourceSummary s = SourceSummary.read(new SnapshotFile.In(d, budget));
            if (d.read() != -1) throw new SnapshotFile.Unreadable("damaged: a source's summary longer than it says");
            return s;
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new SnapshotFile.Unreadable("damaged: a source's summary that does not inflate: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    @Override public void merge(SourceSummary s, EvidenceText.Reader text) throws IOException {
        mergeCounting(s, text);
    }

    /** {@link #merge}, returning the size of the value it wrote (the state plans its next map from them). */
    int mergeCounting(SourceSummary s, EvidenceText.Reader text) throws IOException {
        byte[] k = key(s);
        byte[] old = map.get(k);
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

    /** Puts every entry of this map into {@code bigger}, as it is (a map that has to grow is copied into a new one). */
    void copyTo(ChronicleStore bigger) throws IOException {
        IOException[] failed = new IOException[1];
        map.forEachEntry(e -> {
            if (failed[0] != null) return;
            try {
                bigger.put(e.key().get(), e.value().get());
            } catch (IOException x) {
                failed[0] = x;
            }
        });
        if (failed[0] != null) throw failed[0];
    }

    /** The value of {@code key}, or null. */
    byte[] bytes(byte[] key) { return map.get(key); }

    /** Sets {@code key} to {@code value}, or removes it when value is null (an undo log's entry put back). */
    void restore(byte[] key, byte[] value) throws IOException {
        if (value == null) map.remove(key);
        else put(key, value);
    }

    private void put(byte[] k, byte[] v) throws IOException {
        try {
            map.put(k, v);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new Full("the state's map is full (" + map.size() + " sources, made for " + entries + "): " + e.getMessage(), e);
        }
    }

    @Override public SourceSummary get(String source) throws IOException {
        SourceSummary probe = new SourceSummary(source);
        byte[] v = map.get(key(probe));
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

    /** Closes the map, then writes its pages to the disk: whatever a crash after this returns finds is this. */
    @Override public void close() throws IOException {
        map.close();
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.force(true);
        }
    }
}
