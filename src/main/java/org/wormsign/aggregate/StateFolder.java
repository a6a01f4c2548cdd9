package org.wormsign.aggregate;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * A state that lasts from run to run (README, "State across runs"): per-source summaries in a Chronicle Map
 * ({@link ChronicleStore}), everything else of the runs absorbed so far in a {@link SnapshotFile} without
 * sources (the "rest": ledger, targets, days, hours, reject samples ...), and {@code manifest.json}, the
 * commit: only what it names is the state.
 *
 * <p>The protocol, and why a run killed at any instant leaves the committed state or the next one. A run
 * (epoch E+1 over committed E) does, in order:
 * <ol>
 * <li>takes {@code lock} (exclusive; a second run is refused, or waits);</li>
 * <li>writes {@code undo-(E+1)}: for every source the night touches, its value before (or "absent"), ending
 *     with a CRC; fsyncs it and the folder. The map is not touched before this is durable, so an undo log
 *     that is incomplete proves the map was not touched;</li>
 * <li>writes {@code map-open} (which map files are open, and for which epoch), fsynced: the map may now be
 *     left unclean (Chronicle Map's locks and entry checksums live in the file);</li>
 * <li>merges each source of the night into the map ({@link SourceSummary#merge}, through the store);</li>
 * <li>closes the map and fsyncs its file (on Linux, {@code FileChannel.force} writes the pages it mapped);</li>
 * <li>writes {@code rest-(E+1).snap} (the rest of the state merged with the night's), fsynced;</li>
 * <li>writes {@code manifest.json.tmp}, fsyncs it, renames it over {@code manifest.json}, fsyncs the folder:
 *     this rename is the commit;</li>
 * <li>deletes the undo log, the marker and epoch E's rest file.</li>
 * </ol>
 * On start, under the lock: if {@code map-open} is there, the map named by the manifest was open: it is
 * recovered ({@code recoverPersistedTo}, which frees the dead process's locks and drops entries whose checksum
 * fails, counted in a warning); then, if a complete undo log of an epoch past the manifest's is there, the run
 * died before its commit, and the old values are put back (sources it added removed). Every entry a dead run
 * could have been writing (and recovery could drop) is in that undo log, and putting old values back is
 * idempotent, so a crash during recovery only repeats it. An undo log of the manifest's epoch or older
 * belongs to a committed run, whose map was closed and fsynced before its commit: it is deleted, as is
 * every file the manifest does not name (a rest file or rebuilt map of a run that never committed).
 * A map too small for the sources to come is rebuilt into a new file that only a commit names, so the
 * committed map is then only read.
 */
public final class StateFolder implements AutoCloseable {
    /** Why a state cannot be used (in use, no compiler, not a state): a usage error, in one line. */
    public static final class Refused extends IOException {
        public Refused(String message) {
            super(message);
        }
    }

    static final String MANIFEST = "manifest.json", LOCK = "lock", MARKER = "map-open";
    private static final byte[] UNDO_MAGIC = "WSUNDO1\n".getBytes(StandardCharsets.US_ASCII);

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private StateManifest manifest;
    private final List<String> warnings = new ArrayList<>();
    private final KillPoints kill = KillPoints.fromSystemProperty();

    private StateFolder(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * The state in {@code dir} (made if missing), locked for this process and brought back to its last commit.
     * With {@code wait}, a state in use by another run is waited for; else that is {@link Refused}.
     */
    public static StateFolder open(Path dir, boolean wait) throws IOException {
        return open(dir, wait, () -> {});
    }

    /** As {@link #open(Path, boolean)}, calling {@code waiting} once before it waits for another run (to say so). */
    public static StateFolder open(Path dir, boolean wait, Runnable waiting) throws IOException {
        ChronicleStore.requireCompiler();
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw new Refused("state " + dir + " exists and is not a folder");
        Files.createDirectories(dir);
        if (Files.exists(dir.resolve(MANIFEST)) || isEmpty(dir) || Files.exists(dir.resolve(LOCK))) {
            FileChannel c = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = c.tryLock();
                if (l == null && wait) {
                    waiting.run();
                    l = c.lock();
                }
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                c.close();
                throw new Refused("state " + dir + " is in use by another wormsign run (give --wait to wait for it)");
            }
            StateFolder s = new StateFolder(dir, c, l);
            try {
                s.manifest = StateManifest.read(dir.resolve(MANIFEST));
                s.recover();
            } catch (IOException | RuntimeException e) {
                s.close();
                throw e;
            }
            return s;
        }
        throw new Refused("state " + dir + " is not a wormsign state (no manifest.json) and is not empty");
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /** What the last start found and mended (an unclean close, entries recovery dropped), for summary.json. */
    public List<String> warnings() { return List.copyOf(warnings); }

    /** The committed epoch: 0 for a state nothing was absorbed into. */
    public long epoch() { return manifest.epoch(); }

    public long sources() { return manifest.sources(); }

    /** Whether an input of these bytes (its SHA-256 and size) was absorbed already. */
    public boolean absorbed(String sha256, long bytes) {
        return sha256 != null && manifest.inputs().stream().anyMatch(i -> sha256.equals(i.sha256()) && i.bytes() == bytes);
    }

    /** What a state makes of a plain file about to be read: {@link Check}. */
    public enum Seen {
        /** Not absorbed: to be read. */
        NEW,
        /** Its bytes (SHA-256 and size) were absorbed, under this name or another. */
        SAME_BYTES,
        /** A gzip file whose content is an input absorbed before: a rotated, compressed copy ({@code access.log.1.gz}). */
        SAME_CONTENT_COMPRESSED,
        /** A file that begins with the bytes of an input absorbed under its name, and has grown since. */
        GREW
    }

    /** What {@link #check} found, and the input absorbed before that it matched (null for {@link Seen#NEW}). */
    public record Check(Seen seen, String absorbedAs) {}

    /**
     * Whether the plain file {@code file}, to be read as {@code name}, was absorbed: by its bytes; for a gzip file,
     * by its content, when the size its trailer gives is that of an absorbed input (a cheap test first: most new
     * .gz files are not decompressed twice); by the absorbed prefix of a file of the same name that grew.
     */
    public Check check(String name, Path file) throws IOException {
        long size = Files.size(file);
        String sha = org.wormsign.input.FileDigest.sha256(file, size);
        for (StateManifest.Absorbed a : manifest.inputs()) if (sha.equals(a.sha256()) && a.bytes() == size) return new Check(Seen.SAME_BYTES, a.path());
        long isize = gzipTrailerSize(file, size);
        if (isize >= 0 && manifest.inputs().stream().anyMatch(a -> (a.bytes() & 0xFFFFFFFFL) == isize)) {
            long[] length = new long[1];
            String content = gzipContentSha256(file, length);
            if (content != null) {
                for (StateManifest.Absorbed a : manifest.inputs()) {
                    if (content.equals(a.sha256()) && a.bytes() == length[0]) return new Check(Seen.SAME_CONTENT_COMPRESSED, a.path());
                }
            }
        }
        for (StateManifest.Absorbed a : manifest.inputs()) {
            if (a.path().equals(name) && a.sha256() != null && a.bytes() < size && a.sha256().equals(org.wormsign.input.FileDigest.sha256(file, a.bytes()))) {
                return new Check(Seen.GREW, a.path());
            }
        }
        return new Check(Seen.NEW, null);
    }

    /** A gzip file's last four bytes (RFC 1952's ISIZE: the size of its last member's content, mod 2^32), or -1 if no gzip. */
    private static long gzipTrailerSize(Path file, long size) throws IOException {
        if (size < 18) return -1;
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
            java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate(2), tail = java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            c.read(head, 0);
            if ((head.get(0) & 0xFF) != 0x1F || (head.get(1) & 0xFF) != 0x8B) return -1;
            c.read(tail, size - 4);
            return tail.getInt(0) & 0xFFFFFFFFL;
        }
    }

    /** The SHA-256 of a gzip file's content (all its members) and its length; null if it is no whole gzip file. */
    private static String gzipContentSha256(Path file, long[] length) throws IOException {
        java.security.MessageDigest md;
        try {
            md = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (java.io.InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] b = new byte[1 << 16];
            long n = 0;
            for (int r; (r = in.read(b)) > 0; ) {
                md.update(b, 0, r);
                n += r;
            }
            length[0] = n;
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.util.zip.ZipException | EOFException e) {
            return null;
        }
    }

    private Path mapFile() { return manifest.map() == null ? null : dir.resolve(manifest.map()); }

    private void recover() throws IOException {
        Path marker = dir.resolve(MARKER);
        if (Files.exists(marker)) {
            List<String> open = Files.readAllLines(marker, StandardCharsets.UTF_8);
            long epoch = open.isEmpty() ? -1 : parseEpoch(open.get(0));
            Path committed = mapFile();
            if (committed != null && Files.exists(committed) && open.contains(manifest.map())) {
                AtomicLong corruptions = new AtomicLong();
                try (ChronicleStore store = ChronicleStore.recover(committed, manifest.mapEntries(), manifest.valueBytes(), new TextBudget(0), corruptions)) {
                    Path undo = dir.resolve(undoName(epoch));
                    if (epoch > manifest.epoch() && Files.exists(undo)) {
                        long restored = applyUndo(undo, store, epoch);
                        if (restored >= 0) warnings.add("the state's last run (epoch " + epoch + ") ended before its commit: " + restored
                                + " sources put back as they were at epoch " + manifest.epoch());
                    }
                }
                String unclean = "the state's map was not closed cleanly by the last run: recovered";
                warnings.add(corruptions.get() == 0 ? unclean + ", no entry damaged"
                        : unclean + ", " + corruptions.get() + " damaged entr" + (corruptions.get() == 1 ? "y" : "ies") + " found");
            }
            fsyncDir();
            Files.delete(marker);
            fsyncDir();
        }
        // Anything the manifest does not name is of a run that never committed, or a committed run's leftovers.
        Set<String> keep = new HashSet<>(List.of(MANIFEST, LOCK));
        if (manifest.map() != null) keep.add(manifest.map());
        if (manifest.rest() != null) keep.add(manifest.rest());
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String n = p.getFileName().toString();
                if (!keep.contains(n) && isOurs(n)) Files.deleteIfExists(p);
            }
        }
        fsyncDir();
    }

    private static boolean isOurs(String name) {
        return name.startsWith("undo-") || name.startsWith("rest-") || name.startsWith("sources-") || name.equals(MANIFEST + ".tmp")
                || name.startsWith(".rest-");
    }

    private static long parseEpoch(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static String undoName(long epoch) { return "undo-" + epoch; }

    /**
     * Puts back what the undo log of {@code epoch} holds; returns how many sources, or -1 when the log is not
     * complete (then the map was never touched: its run wrote the whole log, fsynced, before touching it).
     */
    private long applyUndo(Path undo, ChronicleStore store, long epoch) throws IOException {
        if (!undoComplete(undo, epoch)) return -1;
        long n = 0;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(undo), 1 << 16))) {
            in.readFully(new byte[UNDO_MAGIC.length]);
            in.readLong();
            while (in.readByte() == 1) {
                byte[] key = new byte[in.readInt()];
                in.readFully(key);
                int length = in.readInt();
                byte[] value = null;
                if (length >= 0) {
                    value = new byte[length];
                    in.readFully(value);
                }
                store.restore(key, value);
                n++;
            }
        }
        return n;
    }

    /** Whether the undo log is whole: its magic, its epoch, its records, its end and a CRC over all of them. */
    private static boolean undoComplete(Path undo, long epoch) throws IOException {
        try (CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(Files.newInputStream(undo), 1 << 16), new CRC32());
             DataInputStream in = new DataInputStream(checked)) {
            byte[] magic = new byte[UNDO_MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, UNDO_MAGIC) || in.readLong() != epoch) return false;
            while (in.readByte() == 1) {
                int k = in.readInt();
                if (k < 0 || k > 1 << 20) return false;
                in.skipNBytes(k);
                int v = in.readInt();
                if (v < -1 || v > 1 << 28) return false;
                if (v > 0) in.skipNBytes(v);
            }
            long crc = checked.getChecksum().getValue();
            return in.readLong() == crc;
        } catch (EOFException | NoSuchFileException e) {
            return false;
        }
    }

    /**
     * Absorbs a run's snapshot into the state and commits it: its sources into the map, the rest into a new rest
     * file, its inputs into the manifest. {@code night} is spent. Its inputs should be new ones: the caller skips
     * what {@link #absorbed} says was absorbed already.
     */
    public void absorb(Snapshot night, TextBudget budget) throws IOException {
        // One reader for the night's text, which may still be in its plain inputs (a snapshot just frozen).
        try (EvidenceText.Reader text = night.evidenceText().reader()) {
            absorb(night, budget, text);
        }
    }

    private void absorb(Snapshot night, TextBudget budget, EvidenceText.Reader text) throws IOException {
        long epoch = manifest.epoch() + 1;
        Aggregate nightAgg = night.aggregate();
        SourceTable sources = nightAgg.sources;
        nightAgg.sources = new SourceTable();
        // Evidence cites its input by its run's place among the runs; a merge of snapshots may move a run's place,
        // which would mean rewriting every source of the state. The map keeps places in the order runs were
        // absorbed instead, and the read form moves them to the runs' places (read()).
        // A run's snapshot has one run; a state merged in has several, placed one after the other from 0.
        int stableFirst = manifest.places();
        int places = night.runs().stream().mapToInt(r -> r.firstInput() + r.inputs()).max().orElse(0);
        long shift = (long) stableFirst << 32;
        if (shift != 0) for (SourceSummary s : sources.values()) s.evidence().renumberInputs(i -> i + shift);

        Snapshot rest = restSnapshot(budget);
        List<Snapshot.Run> nightRuns = night.runs();
        List<Snapshot.Input> ledger = night.inputs();
        Snapshot merged = Snapshot.merge(List.of(rest, night));

        long need = manifest.sources() + sources.size();
        Path committedMap = mapFile();
        Path undo = dir.resolve(undoName(epoch));
        String mapName = null;
        long entries = 0, valueTotal = 0, count = 0;
        double valueBytes = 0;
        // Chronicle Map grows past its entries by tiers, up to MAX_BLOAT times: a map is copied into one twice the size
        // only once it holds twice what it was made for, so copies cost a constant share of the sources added (amortised).
        // Values far larger than planned can fill it sooner: then the night is undone and the map copied into a larger one.
        for (boolean grow = false; ; grow = true) {
            boolean rebuild = grow || committedMap == null || need > 2 * manifest.mapEntries();
            mapName = rebuild ? "sources-" + epoch + ".cm" : manifest.map();
            entries = rebuild ? Math.max(1024, need * (grow ? 4 : 2)) : manifest.mapEntries();
            valueBytes = rebuild ? Math.max(averageValueBytes(sources, text), grow ? 2 * manifest.valueBytes() : 0) : manifest.valueBytes();
            // The marker before the undo log: reading the old values takes the map's locks too. The order does not
            // matter otherwise: the map is changed only once the undo log is durable.
            writeMarker(epoch, rebuild && committedMap != null ? List.of(manifest.map(), mapName) : List.of(mapName));
            kill.point();
            if (!rebuild) writeUndo(undo, epoch, sources, committedMap);
            kill.point();
            valueTotal = 0;
            try (ChronicleStore store = ChronicleStore.open(dir.resolve(mapName), entries, valueBytes, budget)) {
                if (rebuild && committedMap != null) {
                    try (ChronicleStore old = ChronicleStore.open(committedMap, manifest.mapEntries(), manifest.valueBytes(), budget)) {
                        old.copyTo(store);
                    }
                    kill.point();
                }
                for (SourceSummary s : sources.values()) {
                    valueTotal += store.mergeCounting(s, text);
                    kill.point();
                }
                count = store.size();
                break;
            } catch (ChronicleStore.Full e) {
                if (rebuild) {
                    throw new Refused(e.getMessage() + ": nothing of this run was committed (a map made for " + entries
                            + " sources of " + Math.round(valueBytes) + " bytes could not hold them)");
                }
                // The night's sources are read, never changed, by a merge: they are merged again into the larger map.
                try (ChronicleStore store = ChronicleStore.open(committedMap, manifest.mapEntries(), manifest.valueBytes(), new TextBudget(0))) {
                    applyUndo(undo, store, epoch);
                }
                warnings.add("the state's map (made for " + manifest.mapEntries() + " sources) was full: copied into one made for "
                        + Math.max(1024, need * 4));
            }
        }
        kill.point();
        String restName = "rest-" + epoch + ".snap";
        Path restFile = dir.resolve(restName);
        SnapshotFile.write(merged, restFile);
        fsync(restFile);
        kill.point();
        List<StateManifest.Absorbed> inputs = new ArrayList<>(manifest.inputs());
        for (Snapshot.Input i : ledger) inputs.add(new StateManifest.Absorbed(i.path(), i.sha256(), i.bytes(), fileKey(i.path())));
        List<StateManifest.RunPlace> runs = new ArrayList<>(manifest.runs());
        for (Snapshot.Run run : nightRuns) {
            runs.add(new StateManifest.RunPlace(run.started().toString(), run.finished().toString(), run.arguments(),
                    stableFirst + run.firstInput(), run.inputs()));
        }
        double average = sources.size() == 0 ? manifest.valueBytes() : (double) valueTotal / sources.size();
        StateManifest next = new StateManifest(StateManifest.FORMAT, epoch, mapName, entries, Math.max(valueBytes, average), count,
                restName, stableFirst + places, inputs, runs);
        commit(next);
        String oldRest = manifest.rest(), oldMap = manifest.map();
        manifest = next;
        kill.point();
        Files.deleteIfExists(undo);
        Files.deleteIfExists(dir.resolve(MARKER));
        if (oldRest != null && !oldRest.equals(restName)) Files.deleteIfExists(dir.resolve(oldRest));
        if (oldMap != null && !oldMap.equals(mapName)) Files.deleteIfExists(dir.resolve(oldMap));
        fsyncDir();
        kill.done();
    }

    /**
     * Merges the state {@code other} (built elsewhere: one per POP, one per server farm) into this one and commits;
     * returns how many of its inputs were new here. A state whose inputs were all absorbed here already adds nothing
     * (merging it twice changes nothing). One that shares only some of its inputs with this one is refused: its
     * summaries hold the shared inputs mixed with the others, and cannot be taken apart.
     */
    public int merge(StateFolder other, TextBudget budget) throws IOException {
        List<StateManifest.Absorbed> theirs = other.manifest.inputs();
        List<StateManifest.Absorbed> shared = theirs.stream().filter(a -> absorbed(a.sha256(), a.bytes())).toList();
        if (theirs.isEmpty() || shared.size() == theirs.size()) return 0;
        if (!shared.isEmpty()) {
            throw new Refused("state " + other.dir + " shares " + shared.size() + " of its " + theirs.size() + " inputs with state " + dir
                    + " (" + shared.get(0).path() + (shared.size() > 1 ? ", …" : "") + "), but not all: its summaries hold them mixed with the"
                    + " others and cannot be taken apart; merge states built from inputs apart, or absorb the inputs themselves");
        }
        absorb(other.read(budget), budget);
        return theirs.size();
    }

    /** The platform's key of a plain file (device and inode on Linux), a hint of which file an input was; null if none. */
    private static String fileKey(String path) {
        try {
            Object k = Files.readAttributes(Path.of(path), java.nio.file.attribute.BasicFileAttributes.class).fileKey();
            return k == null ? null : k.toString();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The size of a value a new map plans for: the night's own, from up to a thousand of its sources. */
    private static double averageValueBytes(SourceTable sources, EvidenceText.Reader text) throws IOException {
        long total = 0, n = 0;
        for (SourceSummary s : sources.values()) {
            total += ChronicleStore.encode(s, text).length;
            if (++n == 1000) break;
        }
        return n == 0 ? 256 : (double) total / n;
    }

    private void writeUndo(Path undo, long epoch, SourceTable sources, Path map) throws IOException {
        try (ChronicleStore store = ChronicleStore.open(map, manifest.mapEntries(), manifest.valueBytes(), new TextBudget(0));
             FileChannel c = FileChannel.open(undo, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(Channels.newOutputStream(c), 1 << 16), new CRC32());
            DataOutputStream out = new DataOutputStream(checked);
            out.write(UNDO_MAGIC);
            out.writeLong(epoch);
            for (SourceSummary s : sources.values()) {
                byte[] key = ChronicleStore.key(s);
                byte[] old = store.bytes(key);
                out.writeByte(1);
                out.writeInt(key.length);
                out.write(key);
                out.writeInt(old == null ? -1 : old.length);
                if (old != null) out.write(old);
            }
            out.writeByte(0);
            out.flush();
            long crc = checked.getChecksum().getValue();
            out.writeLong(crc);
            out.flush();
            c.force(true);
        }
        fsyncDir();
    }

    private void writeMarker(long epoch, List<String> maps) throws IOException {
        Path marker = dir.resolve(MARKER);
        try (FileChannel c = FileChannel.open(marker, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            c.write(java.nio.ByteBuffer.wrap((epoch + "\n" + String.join("\n", maps) + "\n").getBytes(StandardCharsets.UTF_8)));
            c.force(true);
        }
        fsyncDir();
    }

    private void commit(StateManifest next) throws IOException {
        Path tmp = dir.resolve(MANIFEST + ".tmp");
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
             OutputStream out = Channels.newOutputStream(c)) {
            next.write(out);
            out.flush();
            c.force(true);
        }
        kill.point();
        try {
            Files.move(tmp, dir.resolve(MANIFEST), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the state's folder cannot rename a file over another atomically: " + dir, e);
        }
        fsyncDir();
    }

    private static void fsync(Path file) throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.force(true);
        }
    }

    private void fsyncDir() throws IOException {
        try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
            c.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a folder as a channel; there renames are made durable by the file system.
            if (!System.getProperty("os.name", "").startsWith("Windows")) throw e;
        }
    }

    /** The committed rest (everything of the state but its sources), or the empty snapshot before a first commit. */
    private Snapshot restSnapshot(TextBudget budget) throws IOException {
        if (manifest.rest() == null) return Snapshot.empty(budget.spill());
        return SnapshotFile.read(dir.resolve(manifest.rest()), budget);
    }

    /**
     * The state's read form: a snapshot of everything absorbed so far, its sources read from the map, evidence
     * text kept while {@code budget} lasts and spilled past it.
     */
    public Snapshot read(TextBudget budget) throws IOException {
        Snapshot rest = restSnapshot(budget);
        Path map = mapFile();
        if (map == null) return rest;
        long[] placedFirst = new long[manifest.places()];
        Arrays.fill(placedFirst, -1);
        for (StateManifest.RunPlace r : manifest.runs()) {
            Snapshot.Run placed = rest.runs().stream().filter(x -> x.started().equals(Instant.parse(r.started()))
                    && x.finished().equals(Instant.parse(r.finished())) && x.arguments().equals(r.arguments())).findFirst()
                    .orElseThrow(() -> new SnapshotFile.Unreadable("damaged state: the run started " + r.started() + " is not in " + manifest.rest()));
            for (int p = 0; p < r.places(); p++) placedFirst[r.stableFirst() + p] = placed.firstInput() + p;
        }
        java.util.function.LongUnaryOperator renumber = i -> {
            int stable = (int) (i >>> 32);
            if (stable >= placedFirst.length || placedFirst[stable] < 0) throw new IllegalStateException("evidence of no absorbed input: place " + stable);
            return placedFirst[stable] << 32 | (i & 0xFFFFFFFFL);
        };
        Aggregate a = rest.aggregate();
        writeMarker(manifest.epoch(), List.of(manifest.map()));
        try (ChronicleStore store = ChronicleStore.open(map, manifest.mapEntries(), manifest.valueBytes(), budget)) {
            store.forEach(s -> {
                s.evidence().renumberInputs(renumber);
                a.sources.adopt(s);
            });
        }
        Files.deleteIfExists(dir.resolve(MARKER));
        fsyncDir();
        return rest;
    }

    @Override public void close() throws IOException {
        try {
            if (lock.isValid()) lock.release();
        } finally {
            lockChannel.close();
        }
    }

}
