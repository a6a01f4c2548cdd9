package org.wormsign.cli;

import java.util.concurrent.atomic.AtomicLong;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.wormsign.pipeline.Progress;

/** Bytes read of the total, rate and time left, on stderr while a run goes on; only when it is a terminal. */
final class ConsoleProgress implements Progress {
    private final AtomicLong pending = new AtomicLong();
    private ProgressBar bar;

    @Override public void start(long totalBytes) {
        bar = new ProgressBarBuilder()
                .setTaskName("reading")
                .setInitialMax(totalBytes)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" MB", 1_000_000)
                .showSpeed()
                .setUpdateIntervalMillis(250)
                .continuousUpdate()
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                .build();
    }

    @Override public void advance(long bytes) {
        // Reads come in chunks of up to a megabyte; batching keeps the bar's lock off the read path.
        long p = pending.addAndGet(bytes);
        if (p >= 1 << 20 && pending.compareAndSet(p, 0)) bar.stepBy(p);
    }

    @Override public void finish() {
        if (bar == null) return;
        bar.stepBy(pending.getAndSet(0));
        bar.close();
    }
}
