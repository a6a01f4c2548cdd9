package org.wormsign.simulate;

import java.util.List;
import java.util.SplittableRandom;

/** How much ordinary traffic makes the logs about a requested size (for benchmark data). */
final class SizePlan {
    private SizePlan() {}

    /**
     * Ordinary lines per server per hour so that all logs over [from, to) total about {@code target} bytes:
     * the worm lines' bytes are counted, the rest is filled with ordinary traffic, whose mean line length is
     * measured on a sample day of each server.
     */
    static double backgroundFor(long target, List<LogFiles.Server> servers, long from, long to) {
        double hours = (to - from) / (double) Utc.HOUR;
        double perHourBytes = 0, worm = 0;
        for (LogFiles.Server s : servers) {
            LogWriter w = LogWriter.of(s.monitor());
            LineBuffer buf = new LineBuffer(1 << 16);
            Background.Lines sample = new Background.Lines();
            s.background().generate(from, from + Utc.DAY, 200, 15, new SplittableRandom(42), sample);
            LogLine line = new LogLine();
            for (int i = 0; i < sample.size; i++) {
                line.second = sample.second[i];
                line.client = sample.client[i];
                line.request = s.background().request(sample.request[i], sample.http10[i]);
                line.status = sample.status[i];
                line.bytes = sample.bytes[i];
                line.referer = sample.referer[i];
                line.agent = sample.agent[i];
                w.write(buf, line);
            }
            perHourBytes += sample.size == 0 ? 0 : buf.length() / (double) sample.size;
            ProbeLog probes = s.probes();
            int lines = probes.firstAtOrAfter(to) - probes.firstAtOrAfter(from);
            worm += lines * 380.0;
        }
        double rest = target - worm;
        return rest <= 0 || perHourBytes == 0 ? 0 : rest / (perHourBytes * hours);
    }
}
