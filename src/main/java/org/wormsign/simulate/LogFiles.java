package org.wormsign.simulate;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the monitored servers' logs: each server's time range is cut into hour slices, each slice is made by
 * a worker (its background from its own seeded stream, merged by time with the worm requests that reached the
 * server), and the slices are written in order into daily files (or one file). Workers make the bytes in
 * parallel, one thread writes them, so the files are the same whatever the number of threads.
 *
 * <p>Mirrors ({@code --also-as}): a worker renders its slice's lines once per log style, so a server's mirror
 * holds exactly its requests and answers, in another format, in a folder {@code SERVER.FORMAT} of its own. A
 * mirror's files are cut by its own style's days (UTC for W3C); every zone the servers use is a whole number of
 * hours from UTC, so each hour slice lies in one file of every style.
 */
final class LogFiles {
    /** What this class writes into a server's folder (and deletes from it before writing again). */
    private static final Pattern OURS = Pattern.compile(
            "(ex\\d{6}\\.log|in\\d{6}\\.log|access_log\\.\\d{4}-\\d{2}-\\d{2}|access\\.log-\\d{8}|extend1\\.log|inetsv1\\.log|access_log|access\\.log)(\\.gz)?");

    /** One monitored server to write. */
    record Server(Monitor monitor, int index, ProbeLog probes, Background background) {}

    /**
     * One log written into the sub-folder {@code folder}: a server's own, or a mirror of it (the same requests
     * in {@code style}, another format than the server's).
     */
    record Log(String folder, Monitor server, LogStyle style, boolean mirror, List<Path> files, long bytes, long lines) {
        /** The zone of the log's times: UTC for W3C, else the server's clock. */
        String timeZone() {
            return style.utcDays() ? "UTC" : server.kind().zone.getId();
        }
    }

    /** The logs written (each server's own first, then its mirrors) and the truth, counted from the own logs only. */
    record Written(List<Log> logs, Truth truth) {
        List<Path> files() {
            List<Path> f = new ArrayList<>();
            for (Log l : logs) if (!l.mirror()) f.addAll(l.files());
            return f;
        }

        long bytes() { return logs.stream().filter(l -> !l.mirror()).mapToLong(Log::bytes).sum(); }

        long lines() { return logs.stream().filter(l -> !l.mirror()).mapToLong(Log::lines).sum(); }

        List<Log> mirrors() { return logs.stream().filter(Log::mirror).toList(); }
    }

    private record Slice(int file, String fileName, long from, long to) {}

    /** One slice's lines in each style of the server (its own first), and its Code Red lines for the truth. */
    private record Chunk(byte[][] bytes, long firstSecond, long lines, long[] codeRed) {
        static final Chunk EMPTY = new Chunk(new byte[0][], Long.MIN_VALUE, 0, new long[0]);
    }

    private final Path dir;
    private final long from, to;
    private final boolean daily, gzip;
    private final double perHour;
    private final long backgroundSeed;
    private final List<LogStyle> mirrors;

    /** {@code mirrors}: the styles every server's log is written in again (a server's own style is not repeated). */
    LogFiles(Path dir, long from, long to, boolean daily, boolean gzip, double perHour, long backgroundSeed, List<LogStyle> mirrors) {
        this.dir = dir;
        this.from = from;
        this.to = to;
        this.daily = daily;
        this.gzip = gzip;
        this.perHour = perHour;
        this.backgroundSeed = backgroundSeed;
        this.mirrors = List.copyOf(mirrors);
    }

    /** The folder of a server's log in a style other than its own. */
    static String mirrorFolder(Monitor m, LogStyle style) {
        return m.name() + "." + style.formatName();
    }

    Written write(List<Server> servers, int threads) throws IOException {
        List<Log> logs = new ArrayList<>();
        Truth truth = new Truth();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "wormsign-simulate");
            t.setDaemon(true);
            return t;
        });
        try {
            for (Server s : servers) logs.addAll(write(s, threads, pool, truth));
        } finally {
            pool.shutdownNow();
        }
        logs.sort(java.util.Comparator.comparing(Log::mirror));
        return new Written(logs, truth);
    }

    /** One server's own log and its mirrors. */
    private List<Log> write(Server s, int threads, ExecutorService pool, Truth truth) throws IOException {
        Monitor m = s.monitor();
        List<LogStyle> styles = new ArrayList<>();
        styles.add(m.kind().style);
        for (LogStyle st : mirrors) if (st != m.kind().style) styles.add(st);
        removeOldMirrors(m, styles);
        int n = styles.size();
        Path[] folders = new Path[n];
        List<List<Slice>> slices = new ArrayList<>();
        for (int o = 0; o < n; o++) {
            folders[o] = dir.resolve(o == 0 ? m.name() : mirrorFolder(m, styles.get(o)));
            Files.createDirectories(folders[o]);
            clear(folders[o]);
            slices.add(slices(m.kind(), styles.get(o)));
            if (!sameHours(slices.get(0), slices.get(o))) {
                throw new IllegalStateException(m.kind().zone + " is not a whole number of hours from UTC: a slice would span two files");
            }
        }
        List<Slice> hours = slices.get(0);
        List<List<Path>> files = new ArrayList<>();
        for (int o = 0; o < n; o++) files.add(new ArrayList<>());
        long[] bytes = new long[n], lines = new long[n];
        int[] current = new int[n];
        Arrays.fill(current, -1);
        OutputStream[] out = new OutputStream[n];
        Path[] path = new Path[n];
        LineBuffer header = new LineBuffer(512);
        Deque<Future<Chunk>> pending = new ArrayDeque<>();
        int next = 0;
        try {
            for (int i = 0; i < hours.size(); i++) {
                while (next < hours.size() && pending.size() < threads * 4) {
                    Slice h = hours.get(next++);
                    pending.add(pool.submit(() -> chunk(s, h, styles)));
                }
                Chunk c = get(pending.poll());
                for (int o = 0; o < n; o++) {
                    Slice slice = slices.get(o).get(i);
                    if (slice.file() != current[o] && out[o] != null) {
                        out[o].close();
                        out[o] = null;
                        bytes[o] += Files.size(path[o]);
                    }
                    current[o] = slice.file();
                    if (c.lines() == 0) continue;
                    if (out[o] == null) {
                        path[o] = folders[o].resolve(slice.fileName() + (gzip ? ".gz" : ""));
                        out[o] = open(path[o]);
                        files.get(o).add(path[o]);
                        header.clear();
                        LogWriter.of(m, styles.get(o)).header(header, c.firstSecond());
                        out[o].write(header.array(), 0, header.length());
                        lines[o] += countLines(header);
                    }
                    out[o].write(c.bytes()[o]);
                    lines[o] += c.lines();
                }
                // The truth is counted once, from the server's own log: a mirror adds no attempts.
                for (long packed : c.codeRed()) truth.add((int) (packed >>> 1), (packed & 1) != 0, 1);
            }
        } finally {
            for (OutputStream os : out) if (os != null) os.close();
        }
        List<Log> logs = new ArrayList<>();
        for (int o = 0; o < n; o++) {
            if (out[o] != null) bytes[o] += Files.size(path[o]);
            logs.add(new Log(folders[o].getFileName().toString(), m, styles.get(o), o > 0, List.copyOf(files.get(o)), bytes[o], lines[o]));
        }
        return logs;
    }

    private static boolean sameHours(List<Slice> a, List<Slice> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (a.get(i).from() != b.get(i).from() || a.get(i).to() != b.get(i).to()) return false;
        return true;
    }

    /**
     * Mirror folders of this server from an earlier run in styles not asked for now: their logs are removed, so
     * that they are not taken for this run's (and the folder, if nothing else is in it).
     */
    private void removeOldMirrors(Monitor m, List<LogStyle> styles) throws IOException {
        for (LogStyle st : LogStyle.values()) {
            if (styles.contains(st)) continue;
            Path folder = dir.resolve(mirrorFolder(m, st));
            if (!Files.isDirectory(folder)) continue;
            clear(folder);
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
                if (ds.iterator().hasNext()) continue;
            }
            Files.delete(folder);
        }
    }

    private static long countLines(LineBuffer b) {
        long n = 0;
        for (int i = 0; i < b.length(); i++) if (b.array()[i] == '\n') n++;
        return n;
    }

    private OutputStream open(Path path) throws IOException {
        OutputStream raw = Files.newOutputStream(path);
        return gzip ? new GZIPOutputStream(raw, 1 << 16) : new BufferedOutputStream(raw, 1 << 16);
    }

    private static void clear(Path folder) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
            List<Path> old = new ArrayList<>();
            for (Path p : ds) if (Files.isRegularFile(p) && OURS.matcher(p.getFileName().toString()).matches()) old.add(p);
            for (Path p : old) Files.delete(p);
        }
    }

    private static Chunk get(Future<Chunk> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw new IOException(e.getCause());
        }
    }

    /** The server's files in {@code style} over [from, to): days by the log's clock (UTC for W3C), cut into hours. */
    private List<Slice> slices(ServerKind kind, LogStyle style) {
        ZoneId zone = style.utcDays() ? ZoneOffset.UTC : kind.zone;
        List<Slice> out = new ArrayList<>();
        LocalDate day = Utc.date(from).minusDays(1);
        int file = 0;
        while (true) {
            long dayStart = day.atStartOfDay(zone).toEpochSecond(), dayEnd = day.plusDays(1).atStartOfDay(zone).toEpochSecond();
            if (dayStart >= to) break;
            long a = Math.max(dayStart, from), b = Math.min(dayEnd, to);
            if (a < b) {
                String name = daily ? style.dailyName(day) : style.singleName();
                for (long h = a; h < b; h = Math.min(b, h - Math.floorMod(h, Utc.HOUR) + Utc.HOUR)) {
                    out.add(new Slice(daily ? file : 0, name, h, Math.min(b, h - Math.floorMod(h, Utc.HOUR) + Utc.HOUR)));
                }
                file++;
            }
            day = day.plusDays(1);
        }
        return out;
    }

    private static final ThreadLocal<Background.Lines> LINES = ThreadLocal.withInitial(Background.Lines::new);
    private static final ThreadLocal<LineBuffer[]> BUFFERS = ThreadLocal.withInitial(() -> new LineBuffer[0]);

    /** One slice of one server's log, in each of {@code styles}. */
    private Chunk chunk(Server s, Slice slice, List<LogStyle> styles) {
        Monitor m = s.monitor();
        Background.Lines bg = LINES.get();
        bg.clear();
        if (perHour > 0) {
            SplittableRandom r = new SplittableRandom(Draws.mix(backgroundSeed, s.index(), slice.from()));
            LocalClock local = new LocalClock(m.kind().zone);
            local.set(slice.from());
            s.background().generate(slice.from(), slice.to(), perHour, local.hour, r, bg);
        }
        ProbeLog probes = s.probes();
        int p0 = probes.firstAtOrAfter(slice.from()), p1 = probes.firstAtOrAfter(slice.to());
        int n = bg.size + (p1 - p0);
        if (n == 0) return Chunk.EMPTY;
        long[] keys = new long[n];
        for (int i = 0; i < bg.size; i++) keys[i] = (bg.second[i] - slice.from()) << 32 | i;
        for (int i = p0; i < p1; i++) keys[bg.size + i - p0] = (ProbeLog.second(probes.packed(i)) - slice.from()) << 32 | 1L << 31 | (i - p0);
        Arrays.sort(keys);

        int outputs = styles.size();
        LogWriter[] writers = new LogWriter[outputs];
        LineBuffer[] out = buffers(outputs);
        for (int o = 0; o < outputs; o++) {
            writers[o] = LogWriter.of(m, styles.get(o));
            out[o].clear();
        }
        LogLine line = new LogLine();
        LongList codeRed = new LongList();
        long lines = 0, first = Long.MIN_VALUE;
        SplittableRandom r = new SplittableRandom(Draws.mix(backgroundSeed, s.index(), ~slice.from()));
        for (long key : keys) {
            int idx = (int) (key & 0x7FFF_FFFF);
            if ((key & 1L << 31) != 0) {
                long packed = probes.packed(p0 + idx);
                if (!wormLine(m.kind(), packed, line, r)) continue;
                if (ProbeLog.kind(packed) <= ProbeLog.CODE_RED_II) {
                    codeRed.add(Integer.toUnsignedLong(line.client) << 1 | ProbeLog.kind(packed));
                }
            } else {
                line.second = bg.second[idx];
                line.client = bg.client[idx];
                line.request = s.background().request(bg.request[idx], bg.http10[idx]);
                line.status = bg.status[idx];
                line.bytes = bg.bytes[idx];
                line.referer = bg.referer[idx];
                line.agent = bg.agent[idx];
                line.timeTaken = bg.timeTaken[idx];
            }
            if (first == Long.MIN_VALUE) first = line.second;
            // Every style gets the same line: one request, one answer, written as each format writes it.
            for (int o = 0; o < outputs; o++) writers[o].write(out[o], line);
            lines++;
        }
        long[] cr = new long[codeRed.size()];
        for (int i = 0; i < cr.length; i++) cr[i] = codeRed.get(i);
        byte[][] bytes = new byte[outputs][];
        for (int o = 0; o < outputs; o++) bytes[o] = Arrays.copyOf(out[o].array(), out[o].length());
        return new Chunk(bytes, first, lines, cr);
    }

    /** This worker's buffers, one per style being written. */
    private static LineBuffer[] buffers(int n) {
        LineBuffer[] b = BUFFERS.get();
        if (b.length < n) {
            int had = b.length;
            b = Arrays.copyOf(b, n);
            for (int i = had; i < n; i++) b[i] = new LineBuffer(1 << 20);
            BUFFERS.set(b);
        }
        return b;
    }

    /** Fills {@code line} with a worm request as this server answers it; false if the server logs nothing. */
    private static boolean wormLine(ServerKind kind, long packed, LogLine line, SplittableRandom r) {
        int k = ProbeLog.kind(packed);
        line.second = ProbeLog.second(packed);
        line.client = ProbeLog.source(packed);
        line.referer = null;
        line.agent = null;
        line.timeTaken = r.nextInt(20);
        if (k <= ProbeLog.CODE_RED_II) {
            int status = kind.wormStatus(k);
            if (status == 0) return false;
            line.request = k == ProbeLog.CODE_RED ? WormRequests.CODE_RED : WormRequests.CODE_RED_II;
            line.status = status;
            line.bytes = kind.errorBytes(status, line.request, true);
            return true;
        }
        line.request = WormRequests.NIMDA[k - ProbeLog.NIMDA];
        line.status = kind.nimdaStatus(line.request);
        // A vulnerable IIS runs the command: cmd.exe's directory listing comes back.
        line.bytes = line.status == 200 ? 566 + r.nextInt(200) : kind.errorBytes(line.status, line.request, false);
        return true;
    }
}
