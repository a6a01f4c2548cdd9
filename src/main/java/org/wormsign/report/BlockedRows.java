package org.wormsign.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;


/**
 * Writes the rows of a large CSV in their order while other threads format them: the rows are cut into
 * blocks, each block is printed ({@link CsvRowBytes}: Commons CSV's bytes) into its own buffer on the pool,
 * and the buffers are written one after the other. A run with 283,000 sources writes 300 MB of evidence; on one
 * thread that took longer than reading the 3 GB log. At most a few blocks wait in memory at once.
 */
final class BlockedRows {
    private BlockedRows() {}

    /** Rows per block of hosts.csv: big enough that handing a block over costs nothing, small enough to keep a few in memory. */
    static final int BLOCK = 2048;
    /**
     * Sources per block of evidence.csv, whose rows are several lines of a source each. Its blocks must stay
     * far smaller than the young generation's survivor spaces: blocks waiting in the window outlive a young
     * collection or two, and megabyte blocks were promoted wholesale, growing the old generation by
     * 200 MB while a million sources' evidence was written.
     */
    static final int EVIDENCE_BLOCK = 256;

    /** Prints a block of rows; may hold a resource (a file to read lines back from) for the block's length. */
    interface BlockPrinter<T> {
        /** Prints {@code rows}, which begin at index {@code first} of all the rows. */
        void print(CsvRowBytes out, int first, List<T> rows) throws IOException;
    }

    /**
     * Writes {@code header} and then {@code rows} to {@code out}, the same bytes whether {@code pool} is null
     * (all on this thread, a block at a time) or not.
     */
    static <T> void write(Writer out, String[] header, List<T> rows, int rowsPerBlock, int bytesPerRow,
                          BlockPrinter<T> printer, ExecutorService pool, int parallelism) throws IOException {
        CsvRowBytes head = new CsvRowBytes(256);
        for (String name : header) head.cell(name);
        head.endRow();
        writeTo(out, head);
        if (pool == null || rows.size() <= rowsPerBlock) {
            CsvRowBytes bytes = new CsvRowBytes(Math.min(rows.size(), rowsPerBlock) * bytesPerRow);
            for (int next = 0; next < rows.size(); next += rowsPerBlock) {
                bytes.reset();
                printer.print(bytes, next, rows.subList(next, Math.min(rows.size(), next + rowsPerBlock)));
                writeTo(out, bytes);
            }
            return;
        }
        Deque<Future<CsvRowBytes>> pending = new ArrayDeque<>();
        // Blocks written are reused: a million sources' evidence in new buffers was a gigabyte of garbage.
        Queue<CsvRowBytes> free = new ConcurrentLinkedQueue<>();
        int next = 0;
        // Blocks waiting or being printed: enough to keep the pool busy, few enough that memory does not grow
        // with --threads (each block holds its text and its own files for reading lines back).
        int window = Math.max(2, Math.min(8, parallelism * 2));
        try {
            while (next < rows.size() || !pending.isEmpty()) {
                while (next < rows.size() && pending.size() < window) {
                    int first = next;
                    List<T> block = rows.subList(first, Math.min(rows.size(), first + rowsPerBlock));
                    next += block.size();
                    pending.add(pool.submit(() -> {
                        CsvRowBytes bytes = free.poll();
                        // Sized for a typical block: growing by doubling would leave several times its size as garbage.
                        if (bytes == null) bytes = new CsvRowBytes(block.size() * bytesPerRow);
                        printer.print(bytes, first, block);
                        return bytes;
                    }));
                }
                CsvRowBytes done = await(pending.poll());
                writeTo(out, done);
                done.reset();
                free.add(done);
            }
        } finally {
            for (Future<CsvRowBytes> f : pending) f.cancel(true);
        }
    }

    /**
     * A block's rows are UTF-8 already, encoded by the thread that printed them: the writing thread only copies
     * bytes (encoding a million sources' evidence there, 1 GB, was one thread's work while the others waited).
     */
    static void writeTo(Writer out, CsvRowBytes rows) throws IOException {
        if (out instanceof Utf8Writer u) {
            rows.writeTo(u);
        } else {
            ByteArrayOutputStream b = new ByteArrayOutputStream(rows.size());
            rows.writeTo(b);
            out.write(b.toString(StandardCharsets.UTF_8));
        }
    }

    /** The result of an output task, its failure rethrown as the task threw it (an I/O error stays one). */
    static <T> T await(Future<T> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) throw io;
            if (c instanceof UncheckedIOException u) throw u.getCause();
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new IOException(c);
        }
    }
}
