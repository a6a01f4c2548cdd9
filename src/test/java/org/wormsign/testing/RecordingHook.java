package org.wormsign.testing;

import java.util.ArrayList;
import java.util.List;

import org.wormsign.aggregate.Attempt;
import org.wormsign.aggregate.AttemptHook;
import org.wormsign.detect.Verdict;

/**
 * An {@link AttemptHook} that writes down every attempt it is shown, and whether a thread other than the first
 * that used it ever did (a hook is promised one thread at a time; the scans here never hand it on mid-input).
 */
public final class RecordingHook implements AttemptHook {
    /** What an attempt said, copied out of the reused {@link Attempt} during the call. */
    public record Seen(String source, boolean ipv4, long epochSecond, String target, Verdict verdict, int status,
                       boolean salvaged, String input, long line, long offset) {}

    private final List<Seen> seen = new ArrayList<>();
    private Thread owner;
    private boolean sharedByThreads;

    @Override public void attempt(Attempt a) {
        if (owner == null) owner = Thread.currentThread();
        else if (owner != Thread.currentThread()) sharedByThreads = true;
        seen.add(new Seen(a.source(), a.hasIpv4(), a.epochSecond(), a.target(), a.verdict(), a.status(), a.salvaged(),
                a.input(), a.line(), a.offset()));
    }

    @Override public AttemptHook merge(AttemptHook other) {
        if (other == AttemptHook.NONE) return this;
        RecordingHook o = (RecordingHook) other;
        seen.addAll(o.seen);
        sharedByThreads |= o.sharedByThreads;
        return this;
    }

    @Override public void shiftLines(long delta) {
        seen.replaceAll(s -> new Seen(s.source(), s.ipv4(), s.epochSecond(), s.target(), s.verdict(), s.status(), s.salvaged(),
                s.input(), s.line() + delta, s.offset()));
    }

    public List<Seen> seen() { return seen; }

    public boolean sharedByThreads() { return sharedByThreads; }

    /** What a run's merged aggregate holds: the merged recording, or an empty one when no hook saw anything. */
    public static RecordingHook of(AttemptHook merged) {
        return merged == AttemptHook.NONE ? new RecordingHook() : (RecordingHook) merged;
    }
}
