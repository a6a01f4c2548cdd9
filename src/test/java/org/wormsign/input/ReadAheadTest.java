package org.wormsign.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The read-ahead thread hands on every byte, then the stream's error where it happened, and never hangs. */
class ReadAheadTest {
    @Test
    void everyByteInOrder() throws IOException {
        byte[] data = new byte[5 * (1 << 20) + 123];
        new Random(1).nextBytes(data);
        try (ReadAhead in = new ReadAhead(new ByteArrayInputStream(data), "t")) {
            assertArrayEquals(data, in.readAllBytes());
        }
    }

    @Test
    void anIoErrorArrivesAfterTheBytesBeforeIt() {
        InputStream failing = new InputStream() {
            int n;
            @Override public int read() throws IOException {
                if (n++ < 1000) return 'x';
                throw new IOException("damaged");
            }
        };
        ReadAhead in = new ReadAhead(failing, "t");
        byte[] got = new byte[1000];
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            int off = 0;
            while (off < got.length) off += in.read(got, off, got.length - off);
            IOException e = assertThrows(IOException.class, in::read);
            org.junit.jupiter.api.Assertions.assertEquals("damaged", e.getMessage());
        });
    }

    @Test
    void aWorkerThatDiesOfAnErrorDoesNotLeaveTheReaderWaiting() {
        InputStream dying = new InputStream() {
            @Override public int read() {
                throw new OutOfMemoryError("simulated");
            }
        };
        ReadAhead in = new ReadAhead(dying, "t");
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(OutOfMemoryError.class, in::read));
    }
}
