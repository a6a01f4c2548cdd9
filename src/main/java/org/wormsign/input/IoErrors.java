package org.wormsign.input;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.zip.ZipException;

/**
 * A failed read or write in words a user can act on, without Java's class names where a word says it: the one
 * wording of every input, folder walk and output error. It does not name the file: the caller's message
 * already does (an input's errors are listed under its name; the output folder is named by the command).
 */
public final class IoErrors {
    private IoErrors() {}

    public static String describe(Exception e) {
        String m = e.getMessage();
        if (e instanceof FileSystemLoopException) return "symbolic link loop, not followed";
        if (e instanceof EOFException) return "unexpected end of data (cut short)";
        if (e instanceof ZipException) return "damaged compressed data (" + m + ")";
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NoSuchFileException) return "no such file or folder (removed while the run went on?)";
        if (e instanceof FileAlreadyExistsException) return "a file is in the way";
        if (e instanceof NotDirectoryException) return "not a folder";
        if (e instanceof DirectoryNotEmptyException) return "a folder that is not empty is in the way";
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
        // Our own checks and commons-compress say what is wrong in the message ("Truncated TAR archive").
        if ((e instanceof DamagedInputException || e.getClass() == IOException.class) && m != null && !m.isBlank()) return m;
        String kind = e.getClass().getSimpleName();
        // A FileSystemException's message is its file, which the caller names.
        if (e instanceof FileSystemException || m == null || m.isBlank()) return kind;
        return kind + ": " + m;
    }

    /**
     * {@code s} on one line: an input's errors are one line each (summary.json's {@code errors[]}, stderr), and
     * what goes into them may hold line breaks (a damaged archive's member name, a library's message). C0 and C1
     * control characters but tab are written as {@code \xHH}, as the terminal shows them.
     */
    public static String oneLine(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c != '\t' && (c < 0x20 || c >= 0x7f && c < 0xa0);
            if (control && sb == null) sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            if (sb == null) continue;
            if (control) sb.append(String.format("\\x%02x", (int) c));
            else sb.append(c);
        }
        return sb == null ? s : sb.toString();
    }
}
