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
 */
final class LogFiles {
    /** What this class writes into a server's folder (and deletes from it before writing again). */
    private static final Pattern OURS = Pattern.compile(
            "(ex\\d{6}\\.log|in\\d{6}\\.log|access_log\\.\\d{4}-\\d{2}-\\d{2}|access\\.log-\\d{8}|extend1\\.log|inetsv1\\.log|access_log|access\\.log)(\\.gz)?");

    /** One monitored server to write. */
    record Server(Monitor monitor, int index, ProbeLog probes, Background background) {}

    record Written(List<Path> files, long bytes, long lines, Truth truth) {}

    private record Slice(int file, String fileName, long from, long to) {}

    private record Chunk(byte[] bytes, long firstSecond, long lines, long[] codeRed) {
        static final Chunk EMPTY = new Chunk(new byte[0], Long.MIN_VALUE, 0, new long[0]);
    }

    private final Path dir;
    private final long from, to;
    private final boolean daily, gzip;
    private final double perHour;
    private final long backgroundSeed;

    LogFiles(Path dir, long from, long to, boolean daily, boolean gzip, double perHour, long backgroundSeed) {
        this.dir = dir;
        this.from = from;
        this.to = to;
        this.daily = daily;
        this.gzip = gzip;
        this.perHour = perHour;
        this.backgroundSeed = backgroundSeed;
    }

    Written write(List<Server> servers, int threads) throws IOException {
        List<Path> files = new ArrayList<>();
        Truth truth = new Truth();
        long bytes = 0, lines = 0;
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "wormsign-simulate");
            t.setDaemon(true);
            return t;
        });
        try {
            for (Server s : servers) {
                Path folder = dir.resolve(s.monitor().name());
                Files.createDirectories(folder);
                clear(folder);
                List<Slice> slices = slices(s.monitor().kind());
                Deque<Future<Chunk>> pending = new ArrayDeque<>();
                int next = 0, current = -1;
                OutputStream out = null;
                Path path = null;
                LineBuffer header = new LineBuffer(512);
                try {
                    for (Slice slice : slices) {
                        while (next < slices.size() && pending.size() < threads * 4) {
                            Slice n = slices.get(next++);
                            pending.add(pool.submit(() -> chunk(s, n)));
                        }
                        Chunk c = get(pending.poll());
                        if (slice.file() != current && out != null) {
                            out.close();
                            out = null;
                            bytes += Files.size(path);
                        }
                        current = slice.file();
                        if (c.lines() == 0) continue;
                        if (out == null) {
                            path = folder.resolve(slice.fileName() + (gzip ? ".gz" : ""));
                            out = open(path);
                            files.add(path);
                            header.clear();
                            LogWriter.of(s.monitor()).header(header, c.firstSecond());
                            out.write(header.array(), 0, header.length());
                            lines += countLines(header);
                        }
                        out.write(c.bytes());
                        lines += c.lines();
                        for (long packed : c.codeRed()) truth.add((int) (packed >>> 1), (packed & 1) != 0, 1);
                    }
                } finally {
                    if (out != null) out.close();
                }
                if (out != null) bytes += Files.size(path);
            }
        } finally {
            pool.shutdownNow();
        }
        return new Written(files, bytes, lines, truth);
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

    /** The server's files over [from, to): days by its log's clock (UTC for W3C), cut into hours. */
    private List<Slice> slices(ServerKind kind) {
        ZoneId zone = kind.style.utcDays() ? ZoneOffset.UTC : kind.zone;
        List<Slice> out = new ArrayList<>();
        LocalDate day = Utc.date(from).minusDays(1);
        int file = 0;
        while (true) {
            long dayStart = day.atStartOfDay(zone).toEpochSecond(), dayEnd = day.plusDays(1).atStartOfDay(zone).toEpochSecond();
            if (dayStart >= to) break;
            long a = Math.max(dayStart, from), b = Math.min(dayEnd, to);
            if (a < b) {
                String name = daily ? kind.style.dailyName(day) : kind.style.singleName();
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
    private static final ThreadLocal<LineBuffer> BUFFERS = ThreadLocal.withInitial(() -> new LineBuffer(1 << 20));

    /** One slice of one server's log. */
    private Chunk chunk(Server s, Slice slice) {
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

        LogWriter writer = LogWriter.of(m);
        LineBuffer out = BUFFERS.get();
        out.clear();
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
            writer.write(out, line);
            lines++;
        }
        long[] cr = new long[codeRed.size()];
        for (int i = 0; i < cr.length; i++) cr[i] = codeRed.get(i);
        return new Chunk(Arrays.copyOf(out.array(), out.length()), first, lines, cr);
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
