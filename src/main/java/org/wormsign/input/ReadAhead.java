package org.wormsign.input;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Decompresses on a thread of its own, a few megabytes ahead of the reader, so inflating and parsing
 * overlap on two cores instead of taking turns on one. Errors (a cut archive) reach the reader at the
 * point in the stream where they happened, after every byte decoded before them.
 */
public final class ReadAhead extends InputStream {
    private static final int CHUNK = 1 << 20;
    private static final int CHUNKS_AHEAD = 4;

    /** A decoded chunk, or the end, or the error that ended the stream. */
    private record Chunk(byte[] bytes, int length, IOException error) {
        boolean end() { return bytes == null; }
    }

    private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
    /** Buffers the reader is done with, for the worker to fill again: the read path makes no garbage. */
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS_AHEAD + 2);
    private final Thread worker;
    private volatile boolean closed;
    /** What ended the worker other than the stream's end or an IOException (an OutOfMemoryError, say). */
    private volatile Throwable failure;
    private Chunk current;
    private int pos;

    public ReadAhead(InputStream in, String name) {
        worker = new Thread(() -> pump(in), "wormsign-inflate " + name);
        worker.setDaemon(true);
        worker.start();
    }

    private void pump(InputStream in) {
        try {
            while (!closed) {
                byte[] buf = free.poll();
                if (buf == null) buf = new byte[CHUNK];
                int n = 0;
                IOException error = null;
                try {
                    while (n < CHUNK) {
                        int r = in.read(buf, n, CHUNK - n);
                        if (r < 0) break;
                        n += r;
                    }
                } catch (IOException e) {
                    error = e;
                } catch (RuntimeException e) {
                    error = new IOException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
                }
                if (n > 0) put(new Chunk(buf, n, null));
                if (error != null) {
                    put(new Chunk(null, 0, error));
                    return;
                }
                if (n < CHUNK) {
                    put(new Chunk(null, 0, null));
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            // Out of memory, most likely: the reader must not wait for a chunk that will never come.
            failure = t;
        }
    }

    private void put(Chunk c) throws InterruptedException {
        while (!closed && !queue.offer(c, 100, TimeUnit.MILLISECONDS)) {
            // The reader is behind; wait, but notice a close.
        }
    }

    private boolean fill() throws IOException {
        if (current != null && pos < current.length()) return true;
        if (current != null && current.end()) {
            if (current.error() != null) throw current.error();
            return false;
        }
        if (current != null && current.bytes() != null) free.offer(current.bytes());
        try {
            Chunk next;
            while ((next = queue.poll(200, TimeUnit.MILLISECONDS)) == null) {
                if (!worker.isAlive() && queue.isEmpty()) {
                    Throwable t = failure;
                    if (t instanceof Error e) throw e;
                    throw new IOException("the decompressing thread stopped" + (t == null ? "" : ": " + t), t);
                }
            }
            current = next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading ahead", e);
        }
        pos = 0;
        if (current.end()) {
            if (current.error() != null) throw current.error();
            return false;
        }
        return true;
    }

    @Override public int read() throws IOException {
        return fill() ? current.bytes()[pos++] & 0xff : -1;
    }

    @Override public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (!fill()) return -1;
        int n = Math.min(len, current.length() - pos);
        System.arraycopy(current.bytes(), pos, b, off, n);
        pos += n;
        return n;
    }

    @Override public void close() {
        closed = true;
        worker.interrupt();
        queue.clear();
    }
}
