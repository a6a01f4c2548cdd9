package org.wormsign.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chronicle Map never reports usage (the tool never touches the network): its analytics module is not on the
 * class path (the pom excludes it), and whoever opens a store without going through cli.Main (which sets it
 * first) still has {@code chronicle.analytics.disable=true} set before Chronicle's classes read it.
 */
class ChronicleOfflineTest {
    @TempDir Path dir;

    @Test
    void chronicleAnalyticsIsNotOnTheClassPath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("net.openhft.chronicle.analytics.Analytics"));
    }

    /** Opens a store in a fresh JVM, with no property given: prints what Chronicle's own reader of the property says. */
    public static void main(String[] args) throws Exception {
        try (ChronicleStore s = ChronicleStore.open(Path.of(args[0]), 1024, 100, new TextBudget(0))) {
            System.out.println("disabled=" + net.openhft.chronicle.core.Jvm.getBoolean("chronicle.analytics.disable") + " size=" + s.size());
        }
    }

    @Test
    void aStoreOpenedWithoutMainHasAnalyticsOff() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
                "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
                "--add-exports", "jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), ChronicleOfflineTest.class.getName(), dir.resolve("m.cm").toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("disabled=true size=0"), out);
        assertTrue(Files.exists(dir.resolve("m.cm")));
    }
}
