package org.wormsign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wormsign.aggregate.StateFolder;

/**
 * {@code --wait}: a run given a state another process holds says so in one line and waits, then runs when the
 * state is let go. The holder is this JVM (the lock is the operating system's, per process), the waiter a child.
 */
class StateWaitTest {
    @TempDir Path dir;

    @Test
    void aRunWithWaitWaitsForTheStateThenRuns() throws Exception {
        Path state = dir.resolve("state"), out = dir.resolve("out");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
                "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
                "--add-exports", "jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "org.wormsign.cli.Main", "analyze", "--no-progress", "--wait",
                "--state", state.toString(), "-o", out.toString(), "sample-logs/hand-made/access_log"));
        Process child;
        try (StateFolder held = StateFolder.open(state, false)) {
            child = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader err = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8));
            String line = err.readLine();
            assertEquals("wormsign: state " + state + " is in use by another wormsign run: waiting for it (--wait)", line);
            // Waiting, not refused and not running: nothing written while the state is held.
            assertFalse(child.waitFor(2, TimeUnit.SECONDS), "the run waits while the state is held");
            assertFalse(Files.exists(out.resolve("hosts.csv")));
        }
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the run went on once the state was let go");
        assertEquals(0, child.exitValue(), new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertTrue(Files.exists(out.resolve("hosts.csv")));
        assertTrue(Files.readString(state.resolve("manifest.json")).contains("access_log"), "its input absorbed");
    }
}
