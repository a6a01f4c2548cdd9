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
import java.util.Map;
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
 *
 * <p>An input read on from where an earlier run ended ({@link Seen#CONTINUES}) changes nothing in this: its new lines
 * are a night's like any other, whose evidence cites the place of the input they continue, and the manifest's entry
 * of that input (its SHA-256, size and lines: what the next reading on checks) is replaced in the same commit.
 * Killed before it, the state holds the input as it was, and the next run reads on from there again.
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
    private final KillPoints kill = KillPoints.process();

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

    /** The state's folder. */
    public Path folder() { return dir; }

    /** Whether an input of these bytes (its SHA-256 and size) was absorbed already, alone or as part of one that grew. */
    public boolean absorbed(String sha256, long bytes) {
        return manifest.inputs().stream().anyMatch(i -> i.holds(sha256, bytes));
    }

    /** What a state makes of a file about to be read: {@link Check}. */
    public enum Seen {
        /** Not absorbed: to be read (a plain one up to its last line end, {@link Check#end}). */
        NEW,
        /** Its bytes (SHA-256 and size) were absorbed, under this name or another, alone or as part of a log that grew. */
        SAME_BYTES,
        /** A gzip file whose content is an input absorbed before: a rotated, compressed copy ({@code access.log.1.gz}). */
        SAME_CONTENT_COMPRESSED,
        /**
         * Its content begins with the bytes of an input absorbed before and holds more: a log that grew, or its rotated
         * copy (plain or compressed) with what was written before the rotation. To be read on ({@link Check#resume}).
         */
        CONTINUES,
        /** A plain file that is an input absorbed before and a line not ended yet: nothing to read before that line ends. */
        NOTHING_NEW
    }

    /**
     * What {@link #check} found: the input absorbed before that it matched ({@code absorbedAs}, null for {@link Seen#NEW}),
     * how many of a plain file's bytes to read ({@code end}: up to its last line end, -1 for all), how many after them
     * are left for a later run ({@code left}), and for {@link Seen#CONTINUES} where to read on from ({@code resume}), the
     * file's bytes as stored and the key of its content's head, which the state keeps once it is read.
     */
    public record Check(Seen seen, String absorbedAs, long end, long left, org.wormsign.input.Input.Resume resume, int place,
                        StateManifest.Identity stored, String head, int headBytes) {}

    /** The bytes of a content's head that identify it (StateManifest.Absorbed#head). */
    static final int HEAD_BYTES = 64 * 1024;

    /**
     * Whether the file {@code file}, to be read as {@code name}, was absorbed: by its bytes (or, for a gzip file, by its
     * content, when the size its trailer gives is that of an absorbed input: most new .gz files are not decompressed
     * twice); whether its content goes on from an input absorbed before, found by the key of its head (the SHA-256 of
     * its first 64 KiB) and, for a plain file, checked whole. A plain file that begins as an absorbed input does but not
     * with all of its absorbed bytes was changed in place: {@link Refused}, as reading it whole would count its
     * unchanged lines twice and reading it on would leave the changed ones out.
     */
    public Check check(String name, Path file) throws IOException {
        long size = Files.size(file);
        byte[] head = new byte[HEAD_BYTES];
        int headLength = 0;
        String compression = null;
        try (java.io.InputStream raw = Files.newInputStream(file)) {
            org.wormsign.input.Decompression.Opened d = org.wormsign.input.Decompression.open(raw);
            // An archive's members are inputs of their own: it is known by its bytes only.
            if (d.container() == org.wormsign.input.Decompression.Container.NONE) {
                compression = d.compression();
                for (int n; headLength < head.length && (n = d.stream().read(head, headLength, head.length - headLength)) > 0; ) headLength += n;
            }
        } catch (IOException e) {
            // Damaged: known by its bytes only; the scan says where and how.
            compression = null;
        }
        boolean plain = "plain".equals(compression);
        // A plain log may be being written: what follows its last line end is left for the next run, which reads on.
        long end = plain && org.wormsign.input.TextForm.detect(head, headLength).equals(org.wormsign.input.TextForm.PLAIN) ? afterLastLineEnd(file, size) : -1;
        long readable = end >= 0 ? end : plain ? size : -1;
        long left = readable >= 0 ? size - readable : 0;
        int ownHeadBytes = (int) (readable >= 0 ? Math.min(headLength, readable) : headLength);
        String ownHead = compression == null ? null : org.wormsign.input.FileDigest.sha256(head, ownHeadBytes);
        java.util.Map<Integer, String> heads = new java.util.HashMap<>();
        List<StateManifest.Absorbed> candidates = new ArrayList<>();
        for (StateManifest.Absorbed a : manifest.inputs()) {
            if (compression == null || !a.resumable() || a.headBytes() > ownHeadBytes) continue;
            if (a.head().equals(heads.computeIfAbsent(a.headBytes(), n -> org.wormsign.input.FileDigest.sha256(head, n)))) candidates.add(a);
        }
        candidates.sort(java.util.Comparator.comparingLong(StateManifest.Absorbed::bytes).reversed());
        // One pass over the file: its SHA-256, and that of each candidate's absorbed bytes within it (a plain file's).
        java.util.Map<Long, String> prefixes = new java.util.HashMap<>();
        if (readable >= 0) for (StateManifest.Absorbed a : candidates) if (a.bytes() <= readable) prefixes.put(a.bytes(), null);
        String sha = org.wormsign.input.FileDigest.sha256WithPrefixes(file, size, prefixes);
        StateManifest.Identity stored = new StateManifest.Identity(sha, size);
        for (StateManifest.Absorbed a : manifest.inputs()) if (a.holds(sha, size)) return new Check(Seen.SAME_BYTES, a.path(), -1, 0, null, -1, stored, null, 0);
        long isize = gzipTrailerSize(file, size);
        if (isize >= 0 && manifest.inputs().stream().anyMatch(a -> (a.bytes() & 0xFFFFFFFFL) == isize
                || a.covers().stream().anyMatch(c -> (c.bytes() & 0xFFFFFFFFL) == isize))) {
            long[] length = new long[1];
            String content = gzipContentSha256(file, length);
            for (StateManifest.Absorbed a : manifest.inputs()) {
                if (a.holds(content, length[0])) return new Check(Seen.SAME_CONTENT_COMPRESSED, a.path(), -1, 0, null, -1, stored, null, 0);
            }
        }
        if (candidates.isEmpty()) return new Check(Seen.NEW, null, end, left, null, -1, stored, ownHead, ownHeadBytes);
        for (StateManifest.Absorbed a : candidates) {
            // A compressed copy's prefix is checked as it is read (ResumedScan): decompressing it twice would cost more.
            if (readable >= 0 && (a.bytes() > readable || !a.sha256().equals(prefixes.get(a.bytes())))) continue;
            org.wormsign.input.Input.Resume from = new org.wormsign.input.Input.Resume(a.bytes(), a.lines(), a.sha256(), a.format());
            Seen seen = a.bytes() == readable ? Seen.NOTHING_NEW : Seen.CONTINUES;
            return new Check(seen, a.path(), end, left, from, a.place(), stored, ownHead, ownHeadBytes);
        }
        StateManifest.Absorbed a = candidates.get(0);
        throw new Refused(name + " begins as " + a.path() + " did when it was absorbed (its first " + a.headBytes() + " bytes), but not with"
                + " all the " + a.bytes() + " bytes absorbed of it: changed in place since? Reading it would count lines twice or leave"
                + " changed ones out: nothing was absorbed into state " + dir + " (move it aside, or absorb it into another state)");
    }

    /** Where the line after a plain file's last line end begins: its size if it ends with one, 0 if it has none. */
    private static long afterLastLineEnd(Path file, long size) throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(64 * 1024);
            for (long to = size; to > 0; ) {
                long from = Math.max(0, to - b.capacity());
                b.clear().limit((int) (to - from));
                while (b.hasRemaining() && c.read(b, from + b.position()) > 0) { /* fill */ }
                for (int i = b.position() - 1; i >= 0; i--) if (b.get(i) == '\n') return from + i + 1;
                to = from;
            }
            return 0;
        }
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
        java.security.MessageDigest md = org.wormsign.input.FileDigest.newSha256();
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
        absorb(night, budget, List.of(), Map.of());
    }

    /**
     * As {@link #absorb(Snapshot, TextBudget)}, the night's first inputs being read on from inputs absorbed before:
     * {@code continued.get(k)} ({@link Seen#CONTINUES}) says which the input at place {@code k} goes on from, in the
     * order of their places in the state. Each is made one with the input it continues, as if read whole.
     * {@code checked}: what {@link #check} found of the night's new inputs, by name: the key of a plain log's head,
     * by which a later run finds it grown or rotated (an input without one is never read on).
     */
    public void absorb(Snapshot night, TextBudget budget, List<Check> continued, Map<String, Check> checked) throws IOException {
        // One reader for the night's text, which may still be in its plain inputs (a snapshot just frozen).
        try (EvidenceText.Reader text = night.evidenceText().reader()) {
            absorb(night, budget, text, continued, checked);
        }
    }

    private void absorb(Snapshot night, TextBudget budget, EvidenceText.Reader text, List<Check> continued, Map<String, Check> checked)
            throws IOException {
        long epoch = manifest.epoch() + 1;
        Aggregate nightAgg = night.aggregate();
        SourceTable sources = nightAgg.sources;
        nightAgg.sources = new SourceTable();
        // Evidence cites its input by its run's place among the runs; a merge of snapshots may move a run's place,
        // which would mean rewriting every source of the state. The map keeps places in the order runs were
        // absorbed instead, and the read form moves them to the runs' places (read()).
        // A run's snapshot has one run; a state merged in has several, placed one after the other from 0.
        // The night's first places are read on from inputs absorbed before: their evidence cites those inputs' places,
        // all below stableFirst and in the same order, so every sample keeps its order (EvidenceSample#renumberInputs).
        int stableFirst = manifest.places();
        int places = night.runs().stream().mapToInt(r -> r.firstInput() + r.inputs()).max().orElse(0);
        int c = continued.size();
        if (c > 0 && night.runs().size() != 1) throw new IllegalArgumentException("inputs are read on only by a run of its own");
        long[] continuedPlace = new long[c];
        for (int k = 0; k < c; k++) {
            continuedPlace[k] = continued.get(k).place();
            if (k > 0 && continuedPlace[k] <= continuedPlace[k - 1]) throw new IllegalArgumentException("inputs read on out of the state's order");
        }
        java.util.function.LongUnaryOperator stable = i -> {
            int p = (int) (i >>> 32);
            long place = p < c ? continuedPlace[p] : stableFirst + p - c;
            return place << 32 | (i & 0xFFFFFFFFL);
        };
        if (stableFirst != 0 || c > 0) for (SourceSummary s : sources.values()) s.evidence().renumberInputs(stable);

        Snapshot rest = restSnapshot(budget);
        List<Snapshot.Run> nightRuns = night.runs();
        List<Snapshot.Input> ledger = night.inputs();
        Snapshot merged = Snapshot.merge(List.of(rest, night));
        if (c > 0) merged = merged.withTailsFolded(tailsInReadForm(merged, nightRuns.get(0), continuedPlace));

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
                    ChronicleStore.copy(committedMap, manifest.mapEntries(), manifest.valueBytes(), store);
                    kill.point();
                }
                for (SourceSummary s : store.inMapOrder(sources.values())) {
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
        for (Snapshot.Input i : ledger) {
            int p = (int) (i.index() >>> 32);
            if (p < c) {
                int at = indexOfPlace(inputs, continuedPlace[p]);
                inputs.set(at, grown(inputs.get(at), i, continued.get(p)));
            } else {
                inputs.add(absorbed(i, (int) (stable.applyAsLong(i.index()) >>> 32), checked.get(i.path())));
            }
        }
        List<StateManifest.RunPlace> runs = new ArrayList<>(manifest.runs());
        for (Snapshot.Run run : nightRuns) {
            runs.add(new StateManifest.RunPlace(run.started().toString(), run.finished().toString(), run.arguments(),
                    stableFirst + run.firstInput(), run.inputs() - c));
        }
        double average = sources.size() == 0 ? manifest.valueBytes() : (double) valueTotal / sources.size();
        StateManifest next = new StateManifest(StateManifest.FORMAT, epoch, mapName, entries, Math.max(valueBytes, average), count,
                restName, stableFirst + places - c, inputs, runs);
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

    /**
     * Where, in the read form {@code merged}, each of the night's first inputs (read on) is, and where the input it goes
     * on from is: the places of runs in the read form follow the runs' order, not the order they were absorbed in.
     */
    private Map<Integer, Integer> tailsInReadForm(Snapshot merged, Snapshot.Run night, long[] continuedPlace) throws IOException {
        Map<Integer, Integer> tails = new java.util.HashMap<>();
        int nightFirst = placedRun(merged, night.started().toString(), night.finished().toString(), night.arguments()).firstInput();
        for (int k = 0; k < continuedPlace.length; k++) {
            long place = continuedPlace[k];
            StateManifest.RunPlace r = manifest.runs().stream().filter(x -> place >= x.stableFirst() && place < x.stableFirst() + x.places())
                    .findFirst().orElseThrow(() -> new SnapshotFile.Unreadable("damaged state: no run absorbed the input at place " + place));
            int headFirst = placedRun(merged, r.started(), r.finished(), r.arguments()).firstInput();
            tails.put(nightFirst + k, headFirst + (int) (place - r.stableFirst()));
        }
        return tails;
    }

    private static Snapshot.Run placedRun(Snapshot s, String started, String finished, List<String> arguments) throws IOException {
        Instant a = Instant.parse(started), b = Instant.parse(finished);
        return s.runs().stream().filter(x -> x.started().equals(a) && x.finished().equals(b) && x.arguments().equals(arguments)).findFirst()
                .orElseThrow(() -> new SnapshotFile.Unreadable("damaged state: the run started " + started + " is not in its rest file"));
    }

    private static int indexOfPlace(List<StateManifest.Absorbed> inputs, long place) {
        for (int i = 0; i < inputs.size(); i++) if (inputs.get(i).place() != null && inputs.get(i).place() == place) return i;
        throw new IllegalArgumentException("no input absorbed at place " + place);
    }

    /**
     * A new input as the manifest keeps it: what reading it on needs only for a plain log read whole, without errors,
     * whose head {@link #check} keyed before it was read (of as many bytes as were read, or the first 64 KiB of them).
     * An input of a state merged in has none: its log is on another machine.
     */
    private static StateManifest.Absorbed absorbed(Snapshot.Input i, int place, Check check) {
        boolean resumable = check != null && check.head() != null && check.headBytes() == Math.min(HEAD_BYTES, i.bytes()) && !i.ignored()
                && i.errors().isEmpty() && i.sha256() != null && "plain".equals(i.codec()) && (i.index() & 0xFFFFFFFFL) == 0 && i.bytes() > 0;
        return new StateManifest.Absorbed(i.path(), i.sha256(), i.bytes(), fileKey(i.path()), place, resumable ? i.lines() : null,
                resumable ? i.format() : null, resumable ? check.head() : null, resumable ? check.headBytes() : null, List.of());
    }

    /** An absorbed input {@code a}, after {@code tail} was read on from it ({@code how}): all its content read so far. */
    private static StateManifest.Absorbed grown(StateManifest.Absorbed a, Snapshot.Input tail, Check how) {
        List<StateManifest.Identity> covers = new ArrayList<>(a.covers());
        covers.add(new StateManifest.Identity(a.sha256(), a.bytes()));
        if (how.stored() != null && !(how.stored().sha256().equals(tail.sha256()) && how.stored().bytes() == tail.bytes())) covers.add(how.stored());
        return new StateManifest.Absorbed(a.path(), tail.sha256(), tail.bytes(), a.fileKey(), a.place(), a.lines() + tail.lines(), a.format(),
                how.head(), how.headBytes(), covers);
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
            for (SourceSummary s : store.inMapOrder(sources.values())) {
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
        Aggregate a = rest.aggregate();
        readSources(rest, budget, (value, s) -> a.sources.adopt(s));
        return rest;
    }

    /** Given each source of the state by {@link #forEachSource}. */
    public interface StoredSource {
        /** {@code summary} is {@code value} decoded, as {@link #decoder} decodes it. */
        void accept(byte[] value, SourceSummary summary) throws IOException;
    }

    /** Decodes a value that {@link #forEachSource} gave; usable after the state is closed, from any thread. */
    public interface SourceDecoder {
        SourceSummary decode(byte[] value, int from, int length) throws IOException;
    }

    /**
     * Everything of the state but its sources: {@link #read}'s form with none. With {@link #forEachSource}, for outputs
     * of millions of sources, which cannot all be on the heap at once.
     */
    public Snapshot readRest(TextBudget budget) throws IOException {
        return restSnapshot(budget);
    }

    /**
     * Gives each source of the state whose rest is {@code rest} to {@code each}, one at a time, its evidence text
     * in memory; {@code each} may keep a value and decode it again later with {@link #decoder}.
     */
    public void forEachSource(Snapshot rest, StoredSource each) throws IOException {
        readSources(rest, new TextBudget(Long.MAX_VALUE), each);
    }

    /** The decoder of the sources of the state whose rest is {@code rest}, for values {@link #forEachSource} gave; text in memory. */
    public SourceDecoder decoder(Snapshot rest) throws IOException {
        return decoder(rest, new TextBudget(Long.MAX_VALUE));
    }

    /** A value's summary, its evidence citing inputs as {@code rest} numbers them, its text kept while {@code budget} lasts. */
    private SourceDecoder decoder(Snapshot rest, TextBudget budget) throws IOException {
        java.util.function.LongUnaryOperator renumber = renumbering(rest);
        return (value, from, length) -> {
            SourceSummary s = ChronicleStore.decode(value, from, length, budget);
            s.evidence().renumberInputs(renumber);
            return s;
        };
    }

    private void readSources(Snapshot rest, TextBudget budget, StoredSource each) throws IOException {
        Path map = mapFile();
        if (map == null) return;
        SourceDecoder decoder = decoder(rest, budget);
        writeMarker(manifest.epoch(), List.of(manifest.map()));
        ChronicleStore.readAll(map, manifest.mapEntries(), manifest.valueBytes(), ChronicleStore.READ_WINDOW,
                (key, value) -> each.accept(value, decoder.decode(value, 0, value.length)));
        Files.deleteIfExists(dir.resolve(MARKER));
        fsyncDir();
    }

    /** Evidence's inputs as the map numbers them (by stable place) to their numbers in the read form of {@code rest}. */
    private java.util.function.LongUnaryOperator renumbering(Snapshot rest) throws IOException {
        long[] placedFirst = new long[manifest.places()];
        Arrays.fill(placedFirst, -1);
        for (StateManifest.RunPlace r : manifest.runs()) {
            Snapshot.Run placed = rest.runs().stream().filter(x -> x.started().equals(Instant.parse(r.started()))
                    && x.finished().equals(Instant.parse(r.finished())) && x.arguments().equals(r.arguments())).findFirst()
                    .orElseThrow(() -> new SnapshotFile.Unreadable("damaged state: the run started " + r.started() + " is not in " + manifest.rest()));
            for (int p = 0; p < r.places(); p++) placedFirst[r.stableFirst() + p] = placed.firstInput() + p;
        }
        return i -> {
            int stable = (int) (i >>> 32);
            if (stable >= placedFirst.length || placedFirst[stable] < 0) throw new IllegalStateException("evidence of no absorbed input: place " + stable);
            return placedFirst[stable] << 32 | (i & 0xFFFFFFFFL);
        };
    }

    @Override public void close() throws IOException {
        try {
            if (lock.isValid()) lock.release();
        } finally {
            lockChannel.close();
        }
    }

}
