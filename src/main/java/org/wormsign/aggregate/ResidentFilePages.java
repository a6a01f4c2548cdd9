package org.wormsign.aggregate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** How much of this process's resident set is file pages mapped into it (Linux's RssFile), where the system says. */
final class ResidentFilePages {
    private ResidentFilePages() {}

    private static final Path STATUS = Path.of("/proc/self/status");

    /** The bytes, or -1 where /proc/self/status does not say (not Linux): then nothing is unmapped early. */
    static long bytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("RssFile:")) return Long.parseLong(line.substring(8).trim().split("\\s+")[0]) * 1024;
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
