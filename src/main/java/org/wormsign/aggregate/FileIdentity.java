package org.wormsign.aggregate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * What a plain file was when its lines were read: which file (the platform's key, an inode), its size and
 * when it was last written. Evidence left in the file is read back at its offset when the outputs are
 * written; if the file was replaced (rotated), cut, or rewritten in place since, the bytes at that offset
 * are no longer the line, and the evidence must say so instead of showing them.
 */
public record FileIdentity(Object key, long size, FileTime modified) {
    public static FileIdentity of(Path path) throws IOException {
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
        return new FileIdentity(a.fileKey(), a.size(), a.lastModifiedTime());
    }

    /**
     * Why lines read from this file cannot be read back from {@code now}, or null if they can. A file that
     * only grew (a live log the server appends to) still holds them.
     */
    public String changeIn(FileIdentity now) {
        if (key != null && now.key != null && !key.equals(now.key)) return "it was replaced by another file (rotated?)";
        if (now.size < size) return "it was cut from " + size + " to " + now.size + " bytes";
        if (now.size == size && !modified.equals(now.modified)) return "it was rewritten in place";
        return null;
    }
}
