package org.wormsign.testing;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.wormsign.cli.Main;
import picocli.CommandLine;

/** One run of the command line in this JVM, as a user would type it: its exit status and what it printed. */
public record Command(int status, String out, String err) {
    public static Command run(String... args) {
        System.setProperty("java.awt.headless", "true");
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        return new Command(status, out.toString(), err.toString());
    }
}
