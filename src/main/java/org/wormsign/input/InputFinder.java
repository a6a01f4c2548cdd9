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
            Path path = Path.of(arg);
            if (Files.isDirectory(path)) {
                walk(arg, path, inputs, errors);
            } else if (Files.exists(path)) {
                if (Files.isRegularFile(path)) inputs.add(Input.file(arg, path, true));
                else errors.add(new InputError(arg, "not a regular file (a FIFO or device is not read)"));
            } else {
                errors.add(new InputError(arg, "no such file or folder"));
            }
        }
        return new Found(inputs, errors);
    }

    private static void walk(String arg, Path root, List<Input> inputs, List<InputError> errors) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) files.add(file);
                    else if (!attrs.isDirectory()) errors.add(new InputError(display(arg, root, file), "not a regular file (a FIFO or device is not read)"));
                    return FileVisitResult.CONTINUE;
                }

                @Override public FileVisitResult visitFileFailed(Path file, IOException e) {
                    String why = e instanceof FileSystemLoopException ? "symbolic link loop, not followed" : "cannot be read: " + e.getClass().getSimpleName();
                    errors.add(new InputError(display(arg, root, file), why));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            errors.add(new InputError(arg, "cannot be walked: " + e.getMessage()));
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
