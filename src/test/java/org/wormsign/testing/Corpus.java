package org.wormsign.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Assumptions;

/**
 * Where the shared logs are: {@code ../shared/corpus/real} (real logs with the worm) and
 * {@code ../shared/corpus/peer} (other projects' test logs), beside the checkout as on every developer
 * machine and in CI.
 *
 * <p>A clone with nothing beside it has neither: the tests that read them are then skipped (aborted, in JUnit's
 * terms), and one line on stderr says so, so that the README's test command passes anywhere. CI sets
 * {@code -Dwormsign.corpus.required=true}, under which a missing corpus fails every test that needs it: there a
 * silent skip would hide a broken checkout.
 */
public final class Corpus {
    private Corpus() {}

    /** The system property that turns a missing corpus from a skip into a failure. */
    public static final String REQUIRED = "wormsign.corpus.required";

    private static final AtomicBoolean SAID = new AtomicBoolean();

    public static Path shared() {
        return Path.of(System.getProperty("wormsign.shared", "../shared")).toAbsolutePath().normalize();
    }

    /** The real-log folder; the calling test is skipped when it is missing (or fails, when required). */
    public static Path real() {
        return folder("corpus/real");
    }

    public static Path realFile(String name) {
        return real().resolve(name);
    }

    /** The peer-project log folder; skipped or failed like {@link #real()}. */
    public static Path peer() {
        return folder("corpus/peer");
    }

    public static Path peerFile(String name) {
        return peer().resolve(name);
    }

    private static Path folder(String which) {
        return folder(shared(), which, Boolean.getBoolean(REQUIRED));
    }

    static Path folder(Path shared, String which, boolean required) {
        Path p = shared.resolve(which);
        if (Files.isDirectory(p)) return p;
        String why = "../shared/" + which + " is not beside the checkout (" + p + ")";
        if (required) throw new IllegalStateException(why + ", and -D" + REQUIRED + "=true says it must be");
        if (SAID.compareAndSet(false, true)) {
            System.err.println("wormsign tests: " + why + ": the tests that read ../shared/corpus are skipped (CI runs them all)");
        }
        return Assumptions.abort(why);
    }
}
