package org.wormsign.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "wormsign", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Finds the Code Red worm family in web-server access logs.",
        subcommands = {AnalyzeCommand.class, ReportCommand.class, MergeCommand.class, SimulateCommand.class},
        footer = {"", "Run 'wormsign analyze --help' for the options of the main command."})
final class WormsignCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitStatus.USAGE;
    }
}
