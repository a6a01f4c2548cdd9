package org.wormsign.simulate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The simulator is the oracle the analyzer is tested against (DESIGN.md): it must share no code with it.
 * Its sources may name no wormsign package but its own, neither by import nor spelled out.
 */
class IndependenceTest {
    private static final Pattern WORMSIGN = Pattern.compile("org\\.wormsign\\.(\\w+)");

    @Test
    void simulateUsesNothingOfTheAnalyzer() throws IOException {
        Path dir = Path.of("src/main/java/org/wormsign/simulate");
        List<String> found = new ArrayList<>();
        int files = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                files++;
                Matcher m = WORMSIGN.matcher(Files.readString(p));
                while (m.find()) if (!m.group(1).equals("simulate")) found.add(p.getFileName() + ": " + m.group());
            }
        }
        assertTrue(files > 10, "the simulator's sources were found: " + files);
        assertTrue(found.isEmpty(), "the simulator names analyzer code: " + found);
    }
}
