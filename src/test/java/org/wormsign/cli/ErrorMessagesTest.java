package org.wormsign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Internal errors in one line a person can act on; the stack trace only with --debug. */
class ErrorMessagesTest {
    @Test
    void runningOutOfMemorySaysHowToGiveJavaMore() {
        String m = Main.internalError(new IllegalStateException("an input scan failed", new OutOfMemoryError("Java heap space")), false);
        assertEquals("wormsign: out of memory (Java heap space): give Java more with JAVA_OPTS=-Xmx8g ./wormsign ..., or fewer"
                + " inputs at once with --threads", m);
    }

    @Test
    void aBugSaysSoAndPointsAtDebug() {
        String m = Main.internalError(new NullPointerException("x\u001b[2J"), false);
        assertEquals("wormsign: internal error: java.lang.NullPointerException: x\\x1b[2J (run again with --debug for the stack trace)", m);
        assertFalse(Main.internalError(new NullPointerException(), true).contains("--debug"));
        assertEquals(1, m.lines().count());
    }

    @Test
    void aLineLimitBeyondAnyHeapIsAUsageError() {
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cl = Main.commandLine();
        cl.setErr(new java.io.PrintWriter(err, true));
        assertEquals(ExitStatus.USAGE, cl.execute("analyze", "--max-line", "2000000000", "sample-logs"));
        assertEquals("wormsign: --max-line must be from 1024 to 268435456 bytes", err.toString().strip());
    }

    @Test
    void everyExitStatusIsInTheHelp() {
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine cl = Main.commandLine();
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.execute("analyze", "--help");
        for (int status : new int[] {ExitStatus.OK, ExitStatus.INCOMPLETE, ExitStatus.USAGE, ExitStatus.DETECTED, ExitStatus.INTERNAL,
            ExitStatus.OUTPUT}) {
            assertTrue(out.toString().matches("(?s).*\\n\\s*" + status + "\\s+\\S.*"), status + " in\n" + out);
        }
    }
}
