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

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the rows of a large CSV in their order while other threads format them: the rows are cut into
 * blocks, each block is printed (by Commons CSV, with the same format) into its own buffer on the pool, and
 * the buffers are written one after the other. A run with 283,000 sources writes 300 MB of evidence; on one
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
        void print(CSVPrinter p, List<T> rows) throws IOException;
    }

    /**
     * Writes {@code header} and then {@code rows} to {@code out} as {@code format} prints them, the same bytes
     * whether {@code pool} is null (all on this thread) or not.
     */
    static <T> void write(Writer out, CSVFormat format, String[] header, List<T> rows, int rowsPerBlock, int bytesPerRow,
                          BlockPrinter<T> printer, ExecutorService pool, int parallelism) throws IOException {
        CSVFormat rowsOnly = format.builder().setHeader().setSkipHeaderRecord(true).get();
        CSVPrinter head = new CSVPrinter(out, rowsOnly);
        head.printRecord((Object[]) header);
        head.flush();
        if (pool == null || rows.size() <= rowsPerBlock) {
            printer.print(new CSVPrinter(out, rowsOnly), rows);
            return;
        }
        Deque<Future<Block>> pending = new ArrayDeque<>();
        // Blocks written are reused: a million sources' evidence in new buffers was a gigabyte of garbage.
        Queue<Block> free = new ConcurrentLinkedQueue<>();
        int next = 0;
        // Blocks waiting or being printed: enough to keep the pool busy, few enough that memory does not grow
        // with --threads (each block holds its text and its own files for reading lines back).
        int window = Math.max(2, Math.min(8, parallelism * 2));
        try {
            while (next < rows.size() || !pending.isEmpty()) {
                while (next < rows.size() && pending.size() < window) {
                    List<T> block = rows.subList(next, Math.min(rows.size(), next + rowsPerBlock));
                    next += block.size();
                    pending.add(pool.submit(() -> {
                        Block bytes = free.poll();
                        // Sized for a typical block: growing by doubling would leave several times its size as garbage.
                        if (bytes == null) bytes = new Block(block.size() * bytesPerRow);
                        printer.print(new CSVPrinter(bytes.text, rowsOnly), block);
                        bytes.text.flush();
                        return bytes;
                    }));
                }
                Block done = await(pending.poll());
                done.writeTo(out);
                done.reset();
                free.add(done);
            }
        } finally {
            for (Future<Block> f : pending) f.cancel(true);
        }
    }

    /**
     * A block's rows, encoded as UTF-8 by the thread that printed them: the writing thread only copies bytes
     * (encoding a million sources' evidence there, 1 GB, was one thread's work while the others waited).
     */
    private static final class Block extends ByteArrayOutputStream {
        /** Writes into this block. */
        final Utf8Writer text = new Utf8Writer(this);

        Block(int size) {
            super(size);
        }

        void writeTo(Writer out) throws IOException {
            if (out instanceof Utf8Writer u) u.writeUtf8(buf, 0, count);
            else out.write(new String(buf, 0, count, StandardCharsets.UTF_8));
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
