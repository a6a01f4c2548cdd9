package org.wormsign.aggregate;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

import org.wormsign.format.Reject;

/**
 * The binary form of a {@link Snapshot} (README, "Snapshots"): {@link #MAGIC}, a big-endian int format
 * {@link #VERSION}, then a zlib stream (checksummed, so damage is found) of {@link DataOutputStream} values,
 * ending with {@link #END}. Layout of format 1, in order:
 * <pre>
 * runs     int n; each: strings arguments, long+int started (epoch second, nano), long+int finished,
 *          int firstInput, int inputs, strings walkErrors, strings warnings
 * inputs   int n; each: long index, ref path, str sha256, long bytes, ref codec, ref format, ref zone,
 *          ref clientField, long lines, records, rejected, skipped, realigned, recordsWithoutTime,
 *          int n {ref reason code, long count}, ref localTimesAsUtc, strings errors, ref ignoredBecause
 * totals   17 longs (Totals, in its fields' order)
 * rejects  int n {ref reason code, long count}
 * daily    int n {long epoch day, long code red, long code red II};  hourly: the same by epoch hour
 * targets  int n, by name; each: ref name, ref kind, long code red, code red II, 2 × 4 status counts,
 *          int n {int status, long attempts, first, last}, long first seen, last seen, records, first record,
 *          last record, int days {long day, int n, n longs: the day's minutes as BitSet words},
 *          bool complete, int n {long attempt second}
 * sources  int n, IPv4 addresses first by value, then names; each: bool named, (str name | int address),
 *          11 ints (code red II, truncated, 400, 404, 200, other, propagation, flood, dormant, off schedule,
 *          without time), long first seen, last seen, int n {ref target} sorted, bool thinned,
 *          int n {long second &lt;&lt; 20 | target place} sorted, int n evidence lines
 *          {long second, long input index, ref input, long line, long offset, int status, ref kind, bool unusual, str text}
 * 400s     long count, int n sources by name {ref source, int n {ref target, long second, long input index,
 *          ref input, long line, long offset, str text}}
 * samples  int n {long input index, ref input, long line, long offset, ref reason code, str text}
 * salvaged int n {str source, long second, ref kind, int status, long input index, ref input, long line,
 *          long offset, str text, bool unusual}
 * end      int END
 * </pre>
 * {@code str} is an int byte length (-1: null) and UTF-8 bytes; {@code ref} a string said once: an int
 * place in the table of strings said so far (-1: null), the table's size for a new one, followed by its
 * {@code str}; {@code strings} an int count and as many {@code str}. Everything is written in a canonical
 * order, so two snapshots holding the same are the same bytes ({@link #canonical}).
 */
public final class SnapshotFile {
    private SnapshotFile() {}

    static final byte[] MAGIC = {'W', 'S', 'N', 'A', 'P', '\r', '\n', 0x1A};
    public static final int VERSION = 1;
    static final int END = 0x454E4421;
    /** Sizes past which a count read back is damage, not data. */
    private static final int MAX_COUNT = 1 << 28, MAX_STRING = 64 << 20;

    /** A file that is not a snapshot this version can read; the message says why, in one line. */
    public static final class Unreadable extends IOException {
        Unreadable(String message) {
            super(message);
        }
    }

    /**
     * Writes {@code s} to {@code file} atomically: to a temporary name beside it, then renamed over it, so a
     * reader never sees half a snapshot.
     */
    public static void write(Snapshot s, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + file.getFileName() + ".partial");
        Files.deleteIfExists(tmp);
        try (OutputStream raw = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            write(s, raw);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * The snapshot as the bytes of a snapshot file: what a Spark task sends its driver (evidence text included,
     * so it must {@link Snapshot#standAlone stand alone} or be read where its inputs are).
     */
    public static byte[] bytes(Snapshot s) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        write(s, b);
        return b.toByteArray();
    }

    private static void write(Snapshot s, OutputStream raw) throws IOException {
        raw.write(MAGIC);
        new DataOutputStream(raw).writeInt(VERSION);
        // Fast compression: evidence text is most of a large snapshot and shrinks to a fifth or so even so.
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            DataOutputStream d = new DataOutputStream(new BufferedOutputStream(new DeflaterOutputStream(raw, deflater, 1 << 16), 1 << 16));
            try (Out o = new Out(d, s)) {
                writeBody(o, s, true);
            }
            d.flush();
            d.close();
        } finally {
            deflater.end();
        }
    }

    /**
     * Reads a snapshot; its evidence text is kept in memory while {@code budget} lasts and put in the budget's
     * spill past it (snapshots read for one report share one budget).
     */
    public static Snapshot read(Path file, TextBudget budget) throws IOException {
        InputStream raw;
        try {
            raw = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new Unreadable("no such file");
        }
        try (InputStream in = new BufferedInputStream(raw, 1 << 16)) {
            return read(in, budget);
        }
    }

    /** Reads the snapshot of {@link #bytes}, as {@link #read(Path, TextBudget)} reads a file. */
    public static Snapshot read(byte[] bytes, TextBudget budget) throws IOException {
        return read(new java.io.ByteArrayInputStream(bytes), budget);
    }

    private static Snapshot read(InputStream in, TextBudget budget) throws IOException {
        try {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) throw new Unreadable("not a wormsign snapshot (it does not begin as one)");
            byte[] v = in.readNBytes(4);
            if (v.length < 4) throw new Unreadable("cut short: it ends inside its header");
            int version = ByteBuffer.wrap(v).getInt();
            if (version != VERSION) {
                throw new Unreadable("snapshot format " + version + " is not one this wormsign reads (it reads format " + VERSION
                        + (version > VERSION ? "): it was made by a newer wormsign" : ")"));
            }
            DataInputStream d = new DataInputStream(new BufferedInputStream(new InflaterInputStream(in), 1 << 16));
            return readBody(new In(d, budget));
        } catch (EOFException e) {
            throw new Unreadable("cut short: it ends before the snapshot does (truncated?)");
        } catch (ZipException e) {
            throw new Unreadable("damaged: " + e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new Unreadable("damaged: " + e.getMessage());
        }
    }

    /** The snapshot in the binary form's body, uncompressed; without its runs when {@code withRuns} is false. */
    static byte[] canonical(Snapshot s, boolean withRuns) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            DataOutputStream d = new DataOutputStream(b);
            try (Out o = new Out(d, s)) {
                writeBody(o, s, withRuns);
            }
            d.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    private static void writeBody(Out o, Snapshot s, boolean withRuns) throws IOException {
        Aggregate a = s.aggregate();
        if (withRuns) {
            o.count(s.runs().size());
            for (Snapshot.Run r : s.runs()) {
                o.strings(r.arguments());
                o.instant(r.started());
                o.instant(r.finished());
                o.d.writeInt(r.firstInput());
                o.d.writeInt(r.inputs());
                o.strings(r.walkErrors());
                o.strings(r.warnings());
            }
        } else {
            // Content only: every run's walk errors and warnings, as one list each.
            o.strings(s.runs().stream().flatMap(r -> r.walkErrors().stream()).toList());
            o.strings(s.runs().stream().flatMap(r -> r.warnings().stream()).toList());
        }
        o.count(s.inputs().size());
        for (Snapshot.Input i : s.inputs()) {
            o.d.writeLong(i.index());
            o.ref(i.path());
            o.str(i.sha256());
            o.d.writeLong(i.bytes());
            o.ref(i.codec());
            o.ref(i.format());
            o.ref(i.zone());
            o.ref(i.clientField());
            o.longs(i.lines(), i.records(), i.rejected(), i.skipped(), i.realigned(), i.recordsWithoutTime());
            o.count(i.rejectsByReason().size());
            for (Map.Entry<String, Long> e : i.rejectsByReason().entrySet()) {
                o.ref(e.getKey());
                o.d.writeLong(e.getValue());
            }
            o.ref(i.localTimesAsUtc());
            o.strings(i.errors());
            o.ref(i.ignoredBecause());
        }
        Totals t = a.totals;
        o.longs(t.lines, t.records, t.rejected, t.skipped, t.codeRed, t.codeRedII, t.truncated, t.nimda, t.otherIda, t.sideEffect400,
                t.offSchedule, t.defaultIdaWithoutQuery, t.realigned, t.codeRedInRejects, t.codeRedIIInRejects, t.recordsWithoutTime,
                t.attemptsWithoutTime);
        List<Reject> reasons = Arrays.stream(Reject.values()).filter(r -> a.rejects(r) > 0).toList();
        o.count(reasons.size());
        for (Reject r : reasons) {
            o.ref(r.code());
            o.d.writeLong(a.rejects(r));
        }
        o.counts(a.daily);
        o.counts(a.hourly.byHour());
        List<TargetSummary> targets = new ArrayList<>(a.targets.values());
        targets.sort(Comparator.comparing(TargetSummary::target));
        o.count(targets.size());
        for (TargetSummary ts : targets) ts.write(o);
        List<SourceSummary> sources = new ArrayList<>(a.sources.values());
        sources.sort(SOURCE_ORDER);
        o.count(sources.size());
        for (SourceSummary ss : sources) ss.write(o);
        a.unreadable400.write(o);
        o.count(a.rejectSamples.size());
        for (RejectSample r : a.rejectSamples) {
            o.d.writeLong(r.inputIndex());
            o.ref(r.input());
            o.d.writeLong(r.line());
            o.d.writeLong(r.offset());
            o.ref(r.reason().code());
            o.str(r.raw());
        }
        List<Evidence> salvaged = a.salvaged.lines();
        o.count(salvaged.size());
        for (Evidence e : salvaged) {
            o.str(e.source());
            o.d.writeLong(e.epochSecond());
            o.ref(e.kind());
            o.d.writeInt(e.status());
            o.d.writeLong(e.inputIndex());
            o.ref(e.input());
            o.d.writeLong(e.line());
            o.d.writeLong(e.offset());
            o.str(o.text(e));
            o.d.writeBoolean(e.unusual());
        }
        o.d.writeInt(END);
    }

    /** IPv4 sources by address, then named ones by name: a canonical order that makes no String per address. */
    private static final Comparator<SourceSummary> SOURCE_ORDER = (x, y) -> {
        if (x.isIpv4() != y.isIpv4()) return x.isIpv4() ? -1 : 1;
        return x.isIpv4() ? Integer.compareUnsigned(x.ipv4(), y.ipv4()) : x.name().compareTo(y.name());
    };

    private static Snapshot readBody(In in) throws IOException {
        int nRuns = in.count();
        List<Snapshot.Run> runs = new ArrayList<>(Math.min(nRuns, 1024));
        for (int k = 0; k < nRuns; k++) {
            runs.add(new Snapshot.Run(in.strings(), in.instant(), in.instant(), in.d.readInt(), in.d.readInt(), in.strings(), in.strings()));
        }
        int nInputs = in.count();
        List<Snapshot.Input> inputs = new ArrayList<>(Math.min(nInputs, 1024));
        for (int k = 0; k < nInputs; k++) {
            long index = in.d.readLong();
            String path = in.ref(), sha = in.str();
            long bytes = in.d.readLong();
            String codec = in.ref(), format = in.ref(), zone = in.ref(), client = in.ref();
            long lines = in.d.readLong(), records = in.d.readLong(), rejected = in.d.readLong(), skipped = in.d.readLong(),
                    realigned = in.d.readLong(), untimed = in.d.readLong();
            Map<String, Long> byReason = new LinkedHashMap<>();
            for (int n = in.count(); n > 0; n--) byReason.put(in.ref(), in.d.readLong());
            inputs.add(new Snapshot.Input(index, path, sha, bytes, codec, format, zone, client, lines, records, rejected, skipped,
                    realigned, untimed, byReason, in.ref(), in.strings(), in.ref()));
        }
        Aggregate a = new Aggregate();
        Totals t = a.totals;
        t.lines = in.d.readLong();
        t.records = in.d.readLong();
        t.rejected = in.d.readLong();
        t.skipped = in.d.readLong();
        t.codeRed = in.d.readLong();
        t.codeRedII = in.d.readLong();
        t.truncated = in.d.readLong();
        t.nimda = in.d.readLong();
        t.otherIda = in.d.readLong();
        t.sideEffect400 = in.d.readLong();
        t.offSchedule = in.d.readLong();
        t.defaultIdaWithoutQuery = in.d.readLong();
        t.realigned = in.d.readLong();
        t.codeRedInRejects = in.d.readLong();
        t.codeRedIIInRejects = in.d.readLong();
        t.recordsWithoutTime = in.d.readLong();
        t.attemptsWithoutTime = in.d.readLong();
        for (int n = in.count(); n > 0; n--) a.rejectsByReason[in.reason().ordinal()] = in.d.readLong();
        for (int n = in.count(); n > 0; n--) a.daily.put(in.d.readLong(), new long[] {in.d.readLong(), in.d.readLong()});
        for (int n = in.count(); n > 0; n--) a.hourly.put(in.d.readLong(), in.d.readLong(), in.d.readLong());
        for (int n = in.count(); n > 0; n--) {
            TargetSummary ts = TargetSummary.read(in);
            a.targets.put(ts.target(), ts);
        }
        for (int n = in.count(); n > 0; n--) a.sources.adopt(SourceSummary.read(in));
        a.unreadable400.read(in);
        for (int n = in.count(); n > 0; n--) {
            a.rejectSamples.add(new RejectSample(in.d.readLong(), in.ref(), in.d.readLong(), in.d.readLong(), in.reason(), in.str()));
        }
        for (int n = in.count(); n > 0; n--) {
            a.salvaged.add(new Evidence(in.str(), in.d.readLong(), in.ref(), in.d.readInt(), in.d.readLong(), in.ref(), in.d.readLong(),
                    in.d.readLong(), in.str(), in.d.readBoolean()));
        }
        if (in.d.readInt() != END) throw new Unreadable("damaged: it does not end where a snapshot ends");
        // Read to the stream's end, where zlib checks its checksum: a changed byte in a text is found there.
        if (in.d.read() != -1) throw new Unreadable("damaged: more data after the snapshot's end");
        return new Snapshot(runs, inputs, a, EvidenceText.standingAlone(in.budget.spill()), 1);
    }

    /** Writes values, saying each string of the table once; closing it closes the inputs text was read from. */
    static final class Out implements AutoCloseable {
        final DataOutputStream d;
        private final Map<String, Integer> table = new HashMap<>();
        /** Reads the text of evidence not kept in memory, wherever it is. */
        private final EvidenceText.Reader text;

        /** Whether {@link #text} is this writer's own, closed with it. */
        private final boolean ownReader;

        Out(DataOutputStream d, Snapshot snapshot) {
            this(d, snapshot.evidenceText().reader(), true);
        }

        /**
         * Values whose evidence text is kept in memory or read by {@code text} (the caller's, left open): one summary
         * of a state at a time ({@link ChronicleStore}), a million of them with one reader.
         */
        Out(DataOutputStream d, EvidenceText.Reader text) {
            this(d, text, false);
        }

        private Out(DataOutputStream d, EvidenceText.Reader text, boolean ownReader) {
            this.d = d;
            this.text = text;
            this.ownReader = ownReader;
        }

        void count(int n) throws IOException { d.writeInt(n); }

        void longs(long... values) throws IOException {
            for (long v : values) d.writeLong(v);
        }

        void str(String s) throws IOException {
            if (s == null) {
                d.writeInt(-1);
                return;
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            d.writeInt(b.length);
            d.write(b);
        }

        void ref(String s) throws IOException {
            if (s == null) {
                d.writeInt(-1);
                return;
            }
            Integer at = table.get(s);
            if (at != null) {
                d.writeInt(at);
                return;
            }
            d.writeInt(table.size());
            table.put(s, table.size());
            str(s);
        }

        void strings(List<String> l) throws IOException {
            count(l.size());
            for (String s : l) str(s);
        }

        void instant(Instant t) throws IOException {
            d.writeLong(t.getEpochSecond());
            d.writeInt(t.getNano());
        }

        void counts(java.util.NavigableMap<Long, long[]> m) throws IOException {
            count(m.size());
            for (Map.Entry<Long, long[]> e : m.entrySet()) longs(e.getKey(), e.getValue()[0], e.getValue()[1]);
        }

        /** The text of a line of evidence, wherever the snapshot keeps it. */
        String text(Evidence e) {
            return text.text(e);
        }

        @Override public void close() {
            if (ownReader) text.close();
        }
    }

    /** Reads what {@link Out} wrote, refusing counts and lengths no snapshot holds. */
    static final class In {
        final DataInputStream d;
        final TextBudget budget;
        private final List<String> table = new ArrayList<>();

        In(DataInputStream d, TextBudget budget) {
            this.d = d;
            this.budget = budget;
        }

        int count() throws IOException {
            int n = d.readInt();
            if (n < 0 || n > MAX_COUNT) throw new Unreadable("damaged: a count of " + n);
            return n;
        }

        String str() throws IOException {
            int n = d.readInt();
            if (n == -1) return null;
            if (n < 0 || n > MAX_STRING) throw new Unreadable("damaged: a text of " + n + " bytes");
            byte[] b = new byte[n];
            d.readFully(b);
            return new String(b, StandardCharsets.UTF_8);
        }

        String ref() throws IOException {
            int at = d.readInt();
            if (at == -1) return null;
            if (at >= 0 && at < table.size()) return table.get(at);
            if (at != table.size()) throw new Unreadable("damaged: a reference to string " + at + " of " + table.size());
            String s = str();
            if (s == null) throw new Unreadable("damaged: a null string in the table");
            table.add(s);
            return s;
        }

        List<String> strings() throws IOException {
            int n = count();
            List<String> l = new ArrayList<>(Math.min(n, 1024));
            for (int k = 0; k < n; k++) l.add(str());
            return l;
        }

        Instant instant() throws IOException {
            long s = d.readLong();
            int nano = d.readInt();
            try {
                return Instant.ofEpochSecond(s, nano);
            } catch (java.time.DateTimeException e) {
                throw new Unreadable("damaged: a time out of range");
            }
        }

        Reject reason() throws IOException {
            String code = ref();
            for (Reject r : Reject.values()) if (r.code().equals(code)) return r;
            throw new Unreadable("damaged or newer: an unknown reject reason " + code);
        }

        /**
         * Evidence text read back: kept in memory while the budget lasts, else put in its spill. Returns
         * {text, null} or {null, spill position as a Long}.
         */
        Object[] keep(String text) throws IOException {
            long bytes = Math.min(text.length(), RawText.MAX_BYTES) + 64L;
            if (budget.take(bytes)) return new Object[] {text, null};
            try {
                return new Object[] {null, budget.spill().put(text)};
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }
}
