package org.wormsign.isp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.Arrays;

/**
 * A growable array of ints outside the Java heap, in chunks of a million: the lease index of an ISP (ten
 * million holdings are 120 MB, and the records gathered to build it 160 MB more) then does not count against
 * the heap the rest of the run needs, and growing it copies nothing. The memory is the JVM's direct memory
 * ({@code -XX:MaxDirectMemorySize}, by default as large as the heap), freed when the array is collected.
 */
final class OffHeapInts implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private static final int SHIFT = 20;
    private static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;

    /** Direct buffers do not serialize: the ints are written one after the other, and read back into new ones. */
    private transient IntBuffer[] chunks = new IntBuffer[0];
    private long size;

    void add(int value) {
        int chunk = (int) (size >>> SHIFT);
        if (chunk == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunk + 1);
            // The first chunk starts small and doubles up to a million: most customer data is far smaller.
            chunks[chunk] = allocate(chunk == 0 ? FIRST : CHUNK);
        } else if (chunk == 0 && size == chunks[0].capacity()) {
            IntBuffer larger = allocate(Math.min(CHUNK, chunks[0].capacity() * 2));
            larger.put(chunks[0].rewind());
            chunks[0] = larger;
        }
        chunks[chunk].put((int) (size & MASK), value);
        size++;
    }

    private static final int FIRST = 1024;

    private static IntBuffer allocate(int ints) {
        return ByteBuffer.allocateDirect(ints * 4).order(ByteOrder.nativeOrder()).asIntBuffer();
    }

    int get(long i) {
        return chunks[(int) (i >>> SHIFT)].get((int) (i & MASK));
    }

    void set(long i, int value) {
        chunks[(int) (i >>> SHIFT)].put((int) (i & MASK), value);
    }

    long size() { return size; }

    private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
        out.defaultWriteObject();
        for (long i = 0; i < size; i++) out.writeInt(get(i));
    }

    private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
        in.defaultReadObject();
        long n = size;
        chunks = new IntBuffer[0];
        size = 0;
        for (long i = 0; i < n; i++) add(in.readInt());
    }

    /** Bytes held, chunks counted whole. */
    long bytes() {
        long ints = 0;
        for (IntBuffer c : chunks) ints += c.capacity();
        return ints * 4;
    }
}
