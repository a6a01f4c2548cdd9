package org.wormsign.cli;

/** The exit statuses scripts rely on (README, "Exit statuses"). */
public final class ExitStatus {
    private ExitStatus() {}

    public static final int OK = 0;
    /** Done, but some input could not be read completely (said on stderr and in summary.json). */
    public static final int INCOMPLETE = 1;
    public static final int USAGE = 2;
    /** With --fail-on-detection: some source sent Code Red, or a line that could not be read carries it. */
    public static final int DETECTED = 3;
    /** A bug: the message says what; --debug shows the stack trace. (sysexits.h EX_SOFTWARE) */
    public static final int INTERNAL = 70;
    /** The outputs could not be written (disk full, say); an earlier run's files are left whole. (sysexits.h EX_IOERR) */
    public static final int OUTPUT = 74;
}
