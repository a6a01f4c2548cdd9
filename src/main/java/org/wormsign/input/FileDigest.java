package org.wormsign.input;

import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeSet;

/** The SHA-256 of a plain file's first bytes, in hex: the identity summary.json gives each input. */
public final class FileDigest {
    private FileDigest() {}

    /** A new SHA-256 digest: every Java has one, so its absence is no error a user can meet. */
    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The hex of {@code md}'s digest so far, {@code md} left to go on. */
    public static String hexSoFar(MessageDigest md) {
        try {
            return HexFormat.of().formatHex(((MessageDigest) md.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests can be cloned in every Java", e);
        }
    }

    /** The SHA-256 of {@code b}'s first {@code length} bytes, in hex. */
    public static String sha256(byte[] b, int length) {
        MessageDigest md = newSha256();
        md.update(b, 0, length);
        return HexFormat.of().formatHex(md.digest());
    }

    /** The SHA-256 of the first {@code size} bytes of {@code path} (fewer if it is shorter). */
    public static String sha256(Path path, long size) throws IOException {
        try (BytesAt file = BytesAt.open(path)) {
            return sha256(file, size);
        }
    }

    /** The SHA-256 of the first {@code size} bytes of {@code file} (fewer if it is shorter). */
    public static String sha256(BytesAt file, long size) throws IOException {
        return sha256WithPrefixes(file, size, new java.util.HashMap<>());
    }

    /**
     * The SHA-256 of a file's first {@code size} bytes (fewer if it is shorter), and into {@code prefixes} (its keys:
     * offsets up to {@code size}) that of the bytes before each offset, in one pass: the digest is copied at each
     * offset it passes.
     */
    public static String sha256WithPrefixes(Path path, long size, Map<Long, String> prefixes) throws IOException {
        try (BytesAt file = BytesAt.open(path)) {
            return sha256WithPrefixes(file, size, prefixes);
        }
    }

    private static String sha256WithPrefixes(BytesAt file, long size, Map<Long, String> prefixes) throws IOException {
        MessageDigest md = newSha256();
        TreeSet<Long> at = new TreeSet<>(prefixes.keySet());
        byte[] buf = new byte[1 << 20];
        long pos = 0;
        while (true) {
            while (!at.isEmpty() && at.first() == pos) prefixes.put(at.pollFirst(), hexSoFar(md));
            if (pos >= size) break;
            long stop = at.isEmpty() ? size : Math.min(size, at.first());
            int n = file.read(pos, buf, 0, (int) Math.min(buf.length, stop - pos));
            if (n <= 0) break;
            md.update(buf, 0, n);
            pos += n;
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
