package org.wormsign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chronicle Map compiles classes as it runs: on a Java without the {@code jdk.compiler} module (a JRE), a
 * {@code --state} run says so in one line and exits 2, touching nothing. The child JVM is this JDK with its
 * modules limited to the Java SE ones and the few JDK ones wormsign's libraries use, as a JRE has them.
 */
class StateWithoutCompilerTest {
    @TempDir Path dir;

    @Test
    void aJavaWithoutTheCompilerGetsOneLineAndStatusTwo() throws Exception {
        Set<String> modules = new TreeSet<>();
        for (ModuleReference m : ModuleFinder.ofSystem().findAll()) {
            String name = m.descriptor().name();
            if (name.startsWith("java.") || Set.of("jdk.unsupported", "jdk.management", "jdk.zipfs").contains(name)) modules.add(name);
        }
        assertFalse(modules.contains("jdk.compiler"));
        Path state = dir.resolve("state");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--limit-modules", String.join(",", modules),
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
                "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "org.wormsign.cli.Main",
                "analyze", "--no-progress", "--state", state.toString(), "-o", dir.resolve("out").toString(), "sample-logs/hand-made/access_log"));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), err);
        assertEquals("wormsign: the state needs a Java with the jdk.compiler module (a JDK, not a JRE): Chronicle Map compiles classes as it runs\n", err);
        assertFalse(Files.exists(state.resolve("manifest.json")), "nothing absorbed");
        assertFalse(Files.exists(dir.resolve("out").resolve("hosts.csv")), "nothing written");
    }
}
