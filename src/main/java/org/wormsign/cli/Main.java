package org.wormsign.cli;

import java.util.List;

import picocli.CommandLine;

/** The {@code wormsign} command: sub-commands, exit statuses, and nothing else. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status (see the README's table). */
    public static int run(String... args) {
        prepare();
        return execute(commandLine(), args);
    }

    /**
     * Runs {@code analyze}'s command line with another engine reading the inputs (the Spark job's): the same
     * options, outputs and exit statuses, under the command name {@code name}.
     */
    public static int analyzeWith(org.wormsign.pipeline.Engine engine, String name, List<String> about, String... args) {
        prepare();
        // A command of wormsign's beside analyze: its errors read as wormsign's, and summary.json's arguments begin
        // with its name as analyze's begin with analyze.
        CommandLine command = new CommandLine(new AnalyzeCommand(engine));
        command.getCommandSpec().name(name);
        List<String> description = new java.util.ArrayList<>(about);
        description.addAll(List.of(command.getCommandSpec().usageMessage().description()));
        command.getCommandSpec().usageMessage().description(description.toArray(new String[0]));
        CommandLine top = commandLine().addSubcommand(name, command);
        String[] all = new String[args.length + 1];
        all[0] = name;
        System.arraycopy(args, 0, all, 1, args.length);
        return execute(top, all);
    }

    /** What every run sets before anything loads. */
    private static void prepare() {
        // Charts are drawn off-screen; the tool must run on servers with no display.
        System.setProperty("java.awt.headless", "true");
        // Chronicle libraries report usage over the network unless this is set before they load.
        System.setProperty("chronicle.analytics.disable", "true");
        // Chronicle logs through SLF4J, and the tool ships no SLF4J backend (its messages are its own): without this,
        // SLF4J says on stderr that it found none, on every run that opens a state.
        if (System.getProperty("slf4j.internal.verbosity") == null) System.setProperty("slf4j.internal.verbosity", "ERROR");
    }

    private static int execute(CommandLine cl, String... args) {
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // picocli hands only Exceptions to the handler below; these end here, still in one line.
            boolean debug = java.util.Arrays.asList(args).contains("--debug");
            cl.getErr().println(internalError(e, debug));
            if (debug) e.printStackTrace(cl.getErr());
            return ExitStatus.INTERNAL;
        }
    }

    /** The one line an internal error prints: what happened, and what to do about it. */
    static String internalError(Throwable e, boolean debug) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return "wormsign: out of memory (" + TerminalText.clean(t.getMessage()) + "): give Java more with"
                        + " JAVA_OPTS=-Xmx8g ./wormsign ..., or fewer inputs at once with --threads";
            }
        }
        return "wormsign: internal error: " + TerminalText.clean(String.valueOf(e))
                + (debug ? "" : " (run again with --debug for the stack trace)");
    }

    /** The command line with wormsign's exit statuses and error handling, for embedding and tests. */
    public static CommandLine commandLine() {
        return withHandlers(new CommandLine(new WormsignCommand()));
    }

    private static CommandLine withHandlers(CommandLine cl) {
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean debug = parseResult.hasMatchedOption("--debug")
                    || (parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--debug"));
            if (e instanceof UsageException) {
                commandLine.getErr().println("wormsign: " + TerminalText.clean(e.getMessage()));
                return ExitStatus.USAGE;
            }
            commandLine.getErr().println(internalError(e, debug));
            if (debug) e.printStackTrace(commandLine.getErr());
            return ExitStatus.INTERNAL;
        });
        cl.setParameterExceptionHandler((e, strings) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println("wormsign: " + TerminalText.clean(e.getMessage()));
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
            return ExitStatus.USAGE;
        });
        return cl;
    }
}
