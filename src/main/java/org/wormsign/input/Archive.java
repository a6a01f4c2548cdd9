package org.wormsign.input;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarUtils;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipMethod;

/**
 * The members of a zip or tar archive, read in one pass in archive order (standard input works too):
 * regular, non-empty files only. commons-compress's streaming readers end quietly where an archive is cut
 * between members and do not check tar header checksums or zip CRC-32s of entries that carry them after
 * the data; those checks are here, so a damaged archive is an error rather than a short count.
 */
public final class Archive {
    /**
     * One member. {@code stream} is its bytes as stored in the archive (what extracting it writes), and
     * ends at the member's end; closing it leaves the archive open. {@code unreadable} says why a member
     * cannot be read (encrypted, unsupported method), or is null.
     */
    public record Member(String name, InputStream stream, String unreadable) {}

    private final Decompression.Container kind;
    private final ArchiveInputStream<?> reader;
    private final CheckedTar tar;       // when kind is TAR
    private final ZipTail zipTail;      // when kind is ZIP: the archive's last bytes, for its end record
    private IOException fault;
    private long entries;

    private Archive(Decompression.Container kind, InputStream in) {
        this.kind = kind;
        if (kind == Decompression.Container.TAR) {
            tar = new CheckedTar(in);
            zipTail = null;
            reader = tar;
        } else if (kind == Decompression.Container.ZIP) {
            tar = null;
            zipTail = new ZipTail(in);
            // Names not flagged as UTF-8 are read as UTF-8 too (java.util.zip's default); stored entries
            // with a data descriptor are allowed (some streaming writers make them).
            reader = new ZipArchiveInputStream(zipTail, StandardCharsets.UTF_8.name(), true, true);
        } else {
            throw new IllegalArgumentException("not an archive: " + kind);
        }
    }

    /** @param decoded the archive's bytes after any codec, as {@link Decompression#open} returns them */
    public static Archive open(Decompression.Opened decoded) {
        return new Archive(decoded.container(), decoded.stream());
    }

    /**
     * The next regular, non-empty member, or null at the archive's proper end (tar's end-of-archive block,
     * zip's end of central directory record).
     *
     * @throws IOException when the archive is damaged or cut between members
     */
    public Member next() throws IOException {
        if (fault != null) throw new IllegalStateException("the archive failed inside a member: " + fault.getMessage(), fault);
        while (true) {
            ArchiveEntry e;
            try {
                e = reader.getNextEntry();
            } catch (RuntimeException x) {
                // commons-compress reports some damaged headers (a number field that is not octal, a bad
                // extended header) as IllegalArgumentException and the like: damage all the same.
                throw new DamagedInputException("a damaged " + kind.label() + " header after " + entries + " entries ("
                        + x.getMessage() + ")");
            }
            if (e == null) {
                checkEnd();
                return null;
            }
            entries++;
            if (!isRegularFile(e) || e.getSize() == 0) continue;
            InputStream s = new NonClosingInputStream(reader);
            String unreadable = null;
            if (e instanceof ZipArchiveEntry z) {
                unreadable = unreadable(z);
                s = new ZipCrcCheck(s, z);
            }
            s = new FaultRecorder(s);
            if (e.getSize() < 0 && unreadable == null) {
                // A zip entry whose size follows its data (streaming writers): empty only if it has no first byte.
                PushbackInputStream p = new PushbackInputStream(s, 1);
                int first = p.read();
                if (first < 0) continue;
                p.unread(first);
                s = p;
            }
            return new Member(e.getName(), s, unreadable);
        }
    }

    /**
     * The error the archive itself (not a compressed member inside it) raised while a member was read, or
     * null. Once set, nothing after that point of the archive can be found: reading stops there.
     */
    public IOException fault() { return fault; }

    private static boolean isRegularFile(ArchiveEntry e) {
        if (e instanceof TarArchiveEntry t) return t.isFile() && !t.isLink(); // a hard link's data came earlier
        if (e instanceof ZipArchiveEntry z) return !z.isDirectory() && !z.isUnixSymlink();
        return !e.isDirectory();
    }

    private String unreadable(ZipArchiveEntry z) {
        if (((ZipArchiveInputStream) reader).canReadEntryData(z)) return null;
        if (z.getGeneralPurposeBit().usesEncryption()) return "encrypted";
        ZipMethod m = ZipMethod.getMethodByCode(z.getMethod());
        return "compression method " + (m == null ? String.valueOf(z.getMethod()) : m.name()) + " is not supported";
    }

    private void checkEnd() throws IOException {
        if (tar != null && !tar.sawEndBlock) {
            throw new DamagedInputException("the tar archive ends without its end-of-archive block after " + entries
                    + " entries (cut short)");
        }
        if (zipTail != null) zipTail.checkEnd(entries);
    }

    /** Remembers the first error the archive reader raised while a member's bytes were read through it. */
    private final class FaultRecorder extends FilterInputStream {
        FaultRecorder(InputStream in) { super(in); }

        @Override public int read() throws IOException {
            try {
                return in.read();
            } catch (IOException e) {
                throw recorded(e);
            } catch (RuntimeException e) {
                throw recorded(new IOException(e.getClass().getSimpleName() + ": " + e.getMessage(), e));
            }
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                throw recorded(e);
            } catch (RuntimeException e) {
                throw recorded(new IOException(e.getClass().getSimpleName() + ": " + e.getMessage(), e));
            }
        }

        @Override public long skip(long n) throws IOException {
            try {
                return in.skip(n);
            } catch (IOException e) {
                throw recorded(e);
            }
        }

        private IOException recorded(IOException e) {
            if (fault == null) fault = e;
            return e;
        }
    }

    /**
     * Tar with two checks the reader leaves out: each header's checksum (POSIX.1 ustar: the sum of the
     * header's bytes with the checksum field as spaces), and that the archive ends with a zero block rather
     * than at any header boundary (tar writers always write two; one is accepted, as GNU tar does).
     */
    private static final class CheckedTar extends TarArchiveInputStream {
        boolean sawEndBlock;

        CheckedTar(InputStream in) {
            super(in);
        }

        @Override protected byte[] readRecord() throws IOException {
            byte[] record = super.readRecord();
            // Once at the end block, what follows is padding (and the optional second end block).
            if (record != null && !isAtEOF() && !isEOFRecord(record) && !checksumMatches(record)) {
                throw new DamagedInputException("a tar header's checksum does not match, at byte " + (getBytesRead() - record.length)
                        + " of the archive (damaged)");
            }
            return record;
        }

        /** A checksum field that is not even an octal number does not match either. */
        private static boolean checksumMatches(byte[] record) {
            try {
                return TarUtils.verifyCheckSum(record);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        @Override protected boolean isEOFRecord(byte[] record) {
            boolean end = super.isEOFRecord(record);
            if (end && record != null) sawEndBlock = true;
            return end;
        }
    }

    /**
     * Keeps the last bytes of a zip (its end of central directory record is at most 22 bytes plus a 64 KiB
     * comment), so the end can be checked: the streaming reader stops quietly when the stream ends inside a
     * local header or the central directory.
     */
    private static final class ZipTail extends WatchingInputStream {
        private static final int END_RECORD = 22;
        private static final int CAPACITY = END_RECORD + 0xFFFF;
        private final byte[] ring = new byte[CAPACITY];
        private int pos;        // where the next byte goes
        private long total;

        ZipTail(InputStream in) { super(in); }

        @Override public int read() throws IOException {
            int c = in.read();
            if (c >= 0) keep(new byte[] {(byte) c}, 0, 1);
            return c;
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) keep(b, off, n);
            return n;
        }

        private void keep(byte[] b, int off, int n) {
            if (n >= CAPACITY) {
                System.arraycopy(b, off + n - CAPACITY, ring, 0, CAPACITY);
                pos = 0;
            } else {
                int first = Math.min(n, CAPACITY - pos);
                System.arraycopy(b, off, ring, pos, first);
                System.arraycopy(b, off + first, ring, 0, n - first);
                pos = (pos + n) % CAPACITY;
            }
            total += n;
        }

        /** Reads to the end, then looks for the end record that ends exactly there, and compares its entry count. */
        void checkEnd(long entriesRead) throws IOException {
            byte[] tmp = new byte[8192];
            while (read(tmp, 0, tmp.length) >= 0) { /* to the end */ }
            int len = (int) Math.min(total, CAPACITY);
            int oldest = total >= CAPACITY ? pos : 0;
            byte[] tail = new byte[len];
            for (int i = 0; i < len; i++) tail[i] = ring[(oldest + i) % CAPACITY];
            for (int p = len - END_RECORD; p >= 0; p--) {
                if (tail[p] == 'P' && tail[p + 1] == 'K' && tail[p + 2] == 5 && tail[p + 3] == 6
                        && p + END_RECORD + u16(tail, p + 20) == len) {
                    int declared = u16(tail, p + 10);
                    // 0xFFFF: the count is in the zip64 record instead.
                    if (declared != 0xFFFF && declared != entriesRead) {
                        throw new DamagedInputException("the zip's central directory lists " + declared + " entries but "
                                + entriesRead + " were found (damaged)");
                    }
                    return;
                }
            }
            throw new DamagedInputException("the zip ends without its central directory after " + entriesRead
                    + " entries (cut short)");
        }

        private static int u16(byte[] b, int p) {
            return b[p] & 0xff | (b[p + 1] & 0xff) << 8;
        }
    }

    /**
     * Compares a zip member's CRC-32 and size with what the archive says, at the member's end: the
     * streaming reader fills them in from the data descriptor but does not compare them.
     */
    private static final class ZipCrcCheck extends WatchingInputStream {
        private final ZipArchiveEntry entry;
        private final CRC32 crc = new CRC32();
        private long size;

        ZipCrcCheck(InputStream in, ZipArchiveEntry entry) {
            super(in);
            this.entry = entry;
        }

        @Override public int read() throws IOException {
            int c = in.read();
            if (c < 0) check();
            else { crc.update(c); size++; }
            return c;
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n < 0) check();
            else { crc.update(b, off, n); size += n; }
            return n;
        }

        private void check() throws DamagedInputException {
            if (entry.getSize() >= 0 && entry.getSize() != size) {
                throw new DamagedInputException("the member's size in the zip is " + entry.getSize() + " bytes but " + size
                        + " were read (damaged)");
            }
            if (entry.getCrc() >= 0 && entry.getCrc() != crc.getValue()) {
                throw new DamagedInputException("the member's CRC-32 does not match the zip's (damaged)");
            }
        }
    }
}
