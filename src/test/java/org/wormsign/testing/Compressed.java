package org.wormsign.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/** Compressed files and archives made at test time, with the library writers (never copies of the corpus). */
public final class Compressed {
    private Compressed() {}

    /** A codec as a function of bytes. */
    public enum Codec {
        GZIP(".gz"), BZIP2(".bz2"), XZ(".xz"), ZSTD(".zst");

        public final String suffix;

        Codec(String suffix) { this.suffix = suffix; }

        public byte[] encode(byte[] plain) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (OutputStream z = open(out)) {
                z.write(plain);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }

        private OutputStream open(OutputStream out) throws IOException {
            return switch (this) {
                case GZIP -> new GzipCompressorOutputStream(out);
                case BZIP2 -> new BZip2CompressorOutputStream(out);
                case XZ -> new XZCompressorOutputStream(out);
                case ZSTD -> new ZstdCompressorOutputStream(out);
            };
        }
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    /** Entries in order; a name ending in "/" is a directory, null content an empty file. */
    public static Map<String, byte[]> entries(Object... nameThenContent) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenContent.length; i += 2) m.put((String) nameThenContent[i], (byte[]) nameThenContent[i + 1]);
        return m;
    }

    public static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putArchiveEntry(new ZipArchiveEntry(e.getKey()));
                if (e.getValue() != null) z.write(e.getValue());
                z.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] tar(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                TarArchiveEntry te = new TarArchiveEntry(e.getKey());
                byte[] data = e.getValue() == null ? new byte[0] : e.getValue();
                if (!te.isDirectory()) te.setSize(data.length);
                t.putArchiveEntry(te);
                t.write(data);
                t.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A tar with a symbolic link among its entries (links are not regular files: never inputs). */
    public static byte[] tarWithSymlink(String name, byte[] data, String link) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
            TarArchiveEntry l = new TarArchiveEntry(link, TarArchiveEntry.LF_SYMLINK);
            l.setLinkName(name);
            t.putArchiveEntry(l);
            t.closeArchiveEntry();
            TarArchiveEntry f = new TarArchiveEntry(name);
            f.setSize(data.length);
            t.putArchiveEntry(f);
            t.write(data);
            t.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
