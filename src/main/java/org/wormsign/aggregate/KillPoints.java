package org.wormsign.aggregate;

/**
 * Numbered points of a state's commit where a test may have the process die at once, as {@code kill -9} would
 * (no shutdown hook, no flush, no close): {@code -Dwormsign.state.dieAt=N} halts at the N-th point. The points
 * are every step of {@link StateFolder#absorb}: each source merged into the map, the undo log, the rest file, the
 * manifest before and after its rename, the clean-up; and, before those, each input read on from where an earlier
 * run ended (pipeline.ResumedScan), once its absorbed prefix is checked and once its new lines are read. With
 * {@code -Dwormsign.state.dieAt=0} a run that completes says on stderr how many points it passed, so that a test can
 * choose among them. The points are the process's (one run of wormsign per process is what a kill interrupts),
 * counted across the threads that read inputs.
 */
public final class KillPoints {
    /** The exit status of a process halted at a point: 128 + SIGKILL's 9, as a shell reports a killed process. */
    static final int STATUS = 137;

    private static final KillPoints PROCESS = new KillPoints(Long.getLong("wormsign.state.dieAt", -1));

    private final long dieAt;
    private final java.util.concurrent.atomic.AtomicLong passed = new java.util.concurrent.atomic.AtomicLong();

    private KillPoints(long dieAt) {
        this.dieAt = dieAt;
    }

    /** This process's points. */
    public static KillPoints process() {
        return PROCESS;
    }

    public void point() {
        if (passed.incrementAndGet() == dieAt) Runtime.getRuntime().halt(STATUS);
    }

    /** At the end of a commit: says how many points there were, when asked to. */
    void done() {
        if (dieAt == 0) System.err.println("wormsign: state kill points: " + passed.get());
    }
}
