package org.wormsign.input;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Turns command-line paths into inputs: files as given, folders walked recursively (following links,
 * with loops reported), standard input as {@code -}. Files inside a folder come in byte order of their
 * relative path, so two runs over the same tree list them the same way on any machine.
 */
public final class InputFinder {
    private InputFinder() {}

    /** What was found, and what could not be walked (each a one-line message naming its path). */
    public record Found(List<Input> inputs, List<InputError> errors) {}

    public static Found find(List<String> arguments) {
        List<Input> inputs = new ArrayList<>();
        List<InputError> errors = new ArrayList<>();
        for (String arg : arguments) {
            if (arg.equals(Input.STDIN)) {
                inputs.add(Input.stdin());
                continue;
            }
            Path path;
            try {
                path = Path.of(arg);
            } catch (java.nio.file.InvalidPathException e) {
                errors.add(new InputError(arg, "not a valid path: " + e.getReason()));
                continue;
            }
            if (Files.isDirectory(path)) {
                walk(arg, path, inputs, errors);
            } else if (Files.exists(path)) {
                Kind kind = kindOf(path);
                // A named pipe given by name is read like standard input (bash's <(zcat log.gz) is one);
                // a device or socket would never end, or is not a log.
                if (kind == Kind.FILE || kind == Kind.FIFO) inputs.add(Input.file(arg, path, true));
                else errors.add(new InputError(arg, kind.why));
            } else if (Files.isSymbolicLink(path)) {
                errors.add(new InputError(arg, brokenLink(path)));
            } else {
                errors.add(new InputError(arg, "no such file or folder"));
            }
        }
        return new Found(inputs, errors);
    }

    /** What a path that exists is, for the message when it is not read. */
    enum Kind {
        FILE(null),
        FIFO("a named pipe (FIFO) found in a folder is not read: nothing may ever write to it"),
        DEVICE("a device, not a file: it is not read (a device such as /dev/zero never ends)"),
        SOCKET("a socket, not a file: it is not read"),
        OTHER("not a regular file: it is not read");

        final String why;

        Kind(String why) { this.why = why; }
    }

    static Kind kindOf(Path path) {
        if (Files.isRegularFile(path)) return Kind.FILE;
        try {
            // st_mode's file type bits (POSIX sys/stat.h): S_IFIFO, S_IFCHR, S_IFBLK, S_IFSOCK.
            int type = (Integer) Files.getAttribute(path, "unix:mode") & 0170000;
            return switch (type) {
                case 0010000 -> Kind.FIFO;
                case 0020000, 0060000 -> Kind.DEVICE;
                case 0140000 -> Kind.SOCKET;
                default -> Kind.OTHER;
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Kind.OTHER;
        }
    }

    /** Why a symbolic link that leads nowhere cannot be read: a loop, or a missing target. */
    private static String brokenLink(Path link) {
        try {
            link.toRealPath();
            return "no such file or folder";
        } catch (java.nio.file.FileSystemException e) {
            String reason = e.getReason() == null ? "" : e.getReason();
            if (reason.toLowerCase(java.util.Locale.ROOT).contains("levels of symbolic links")) return "symbolic link loop, not followed";
            return "a symbolic link to a file or folder that does not exist";
        } catch (IOException e) {
            return "a symbolic link to a file or folder that does not exist";
        }
    }

    private static void walk(String arg, Path root, List<Input> inputs, List<InputError> errors) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    // Found in a folder, only regular files are read: a named pipe nobody writes would hang the run.
                    if (attrs.isRegularFile()) files.add(file);
                    else if (attrs.isSymbolicLink()) errors.add(new InputError(display(arg, root, file), brokenLink(file)));
                    else if (!attrs.isDirectory()) errors.add(new InputError(display(arg, root, file), kindOf(file).why));
                    return FileVisitResult.CONTINUE;
                }

                @Override public FileVisitResult visitFileFailed(Path file, IOException e) {
                    String why = e instanceof FileSystemLoopException ? IoErrors.describe(e) : "cannot be read: " + IoErrors.describe(e);
                    errors.add(new InputError(display(arg, root, file), why));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            errors.add(new InputError(arg, "cannot be walked: " + IoErrors.describe(e)));
        }
        files.sort((a, b) -> java.util.Arrays.compareUnsigned(utf8(root.relativize(a)), utf8(root.relativize(b))));
        for (Path f : files) inputs.add(Input.file(display(arg, root, f), f, false));
    }

    private static byte[] utf8(Path p) {
        return p.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The path as the user would type it: their folder argument joined with the path inside it. */
    private static String display(String arg, Path root, Path file) {
        String rel = root.relativize(file).toString();
        if (rel.isEmpty()) return arg;
        return arg.endsWith("/") ? arg + rel : arg + "/" + rel;
    }
}
