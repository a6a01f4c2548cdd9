package org.wormsign.testing;

import java.nio.file.Files;
import java.nio.file.Path;


/** Where the real logs of ../shared/corpus/real are: beside the checkout, as on every developer machine and in CI. */
public final class Corpus {
    private Corpus() {}

    public static Path shared() {
        return Path.of(System.getProperty("wormsign.shared", "../shared")).toAbsolutePath().normalize();
    }

    /** The real-log folder; fails (not skips) when it is missing, since CI always has it. */
    public static Path real() {
        Path p = shared().resolve("corpus/real");
        if (!Files.isDirectory(p)) throw new IllegalStateException("the real corpus is missing: " + p);
        return p;
    }

    public static Path realFile(String name) {
        return real().resolve(name);
    }

}
