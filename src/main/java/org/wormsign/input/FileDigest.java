package org.wormsign.input;

import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The SHA-256 of a plain file's first bytes, in hex: the identity summary.json gives each input. */
public final class FileDigest {
    private FileDigest() {}

    /** The SHA-256 of the first {@code size} bytes of {@code path} (fewer if it is shorter). */
    public static String sha256(Path path, long size) throws IOException {
        try (BytesAt file = BytesAt.open(path)) {
            return sha256(file, size);
        }
    }

    /** The SHA-256 of the first {@code size} bytes of {@code file} (fewer if it is shorter). */
    public static String sha256(BytesAt file, long size) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        byte[] buf = new byte[1 << 20];
        long pos = 0;
        while (pos < size) {
            int n = file.read(pos, buf, 0, (int) Math.min(buf.length, size - pos));
            if (n <= 0) break;
            md.update(buf, 0, n);
            pos += n;
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
