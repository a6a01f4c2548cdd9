package org.wormsign.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/** A clone with nothing beside it skips the corpus tests; CI's property makes the same absence a failure. */
class CorpusTest {
    @TempDir Path empty;

    @Test
    void aMissingCorpusSkipsTheTestThatNeedsIt() {
        TestAbortedException e = assertThrows(TestAbortedException.class, () -> Corpus.folder(empty, "corpus/real", false));
        assertTrue(e.getMessage().contains("../shared/corpus/real is not beside the checkout"), e.getMessage());
    }

    @Test
    void aMissingCorpusFailsWhenRequired() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Corpus.folder(empty, "corpus/peer", true));
        assertTrue(e.getMessage().contains(Corpus.REQUIRED), e.getMessage());
    }

    @Test
    void aPresentCorpusIsFoundEitherWay() throws IOException {
        Path real = Files.createDirectories(empty.resolve("corpus/real"));
        assertEquals(real, Corpus.folder(empty, "corpus/real", false));
        assertEquals(real, Corpus.folder(empty, "corpus/real", true));
    }
}
