package org.wormsign.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.wormsign.simulate.SimulateOptions;
import org.wormsign.simulate.Simulation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "simulate", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Simulates the Code Red epidemic of 2001 and writes what monitored web servers of each kind logged of it.",
            "Beside the logs: truth.csv (what a perfect hosts.csv holds), epidemic.csv (the whole population by UTC hour)",
            "and servers.csv (each server's kind, address, format and time zone).",
            "--also-as: each server's log again in other formats, request for request the",
            "same, to compare parsers on identical traffic (the benchmark's data).",
            "--isp: the ISP's side too (customer prefixes, leases in four formats, the truth by customer).",
            "The same options always give the same bytes."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:done", "2:usage error", "70:internal error", "74:the output could not be written (said on stderr)"})
final class SimulateCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Output folder: a sub-folder of logs per server, and the truth files (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("simulated");

    @Option(names = "--scale", paramLabel = "F", description = "Share of the 360,000 vulnerable hosts to simulate, above 0 and at most 10 (default: ${DEFAULT-VALUE}).")
    double scale = 1.0;

    @Option(names = "--from", paramLabel = "DATE", description = "First UTC day written, 2001-07-12 or later (default: ${DEFAULT-VALUE}).")
    String from = "2001-07-12";

    @Option(names = "--to", paramLabel = "DATE", description = "Last UTC day written, at most 2001-12-31 (default: ${DEFAULT-VALUE}).")
    String to = "2001-10-05";

    @Option(names = "--servers", paramLabel = "KIND", split = ",", description = "Monitored servers, one per kind named (a kind may repeat): ${COMPLETION-CANDIDATES} (default: one of each).",
            completionCandidates = ServerKinds.class)
    List<String> servers = new ArrayList<>(SimulateOptions.serverKinds());

    @Option(names = "--gzip", description = "Compress each log file (.gz).")
    boolean gzip;

    @Option(names = "--background", paramLabel = "LINES", description = "Ordinary lines per server per hour, on average over a day (default: ${DEFAULT-VALUE}).")
    double background = 20;

    @Option(names = "--target-bytes", paramLabel = "SIZE", description = "Make the servers' own logs about this big in all (e.g. 2G, 500M, 100000; mirrors come on top): more ordinary traffic, same epidemic. Overrides --background.")
    String targetBytes;

    @Option(names = "--also-as", paramLabel = "FORMAT", split = ",", completionCandidates = LogFormats.class,
            description = {"Also write each server's log in these formats: ${COMPLETION-CANDIDATES}. Each mirror holds the server's requests and answers"
                    + " line for line (same times, clients, requests, statuses, bytes) with the format's own conventions (W3C: UTC, daily by UTC day),"
                    + " in a folder SERVER.FORMAT beside the server's, listed in mirrors.csv. For comparing parsers on identical traffic:"
                    + " analyze each folder on its own. The truth counts the requests once; a server's own format is not written again."})
    List<String> alsoAs = new ArrayList<>();

    @Option(names = "--isp", description = {"Also write the ISP's side, for ISP mode: customers.csv (static prefixes: CIDR, first-last ranges, IPv6, nested),"
            + " leases/ (the dynamic hosts' holdings, each folder complete on its own: dhcpd/ dhcpd.leases and its archived dhcpd.leases~,"
            + " kea/ kea-leases4.csv, radius/ FreeRADIUS detail-YYYYMMDD files, plain/ leases.csv; mixed/ has each /16 in one of the four),"
            + " truth-customers.csv (each customer's Code Red I and II attempts) and truth-handovers.csv (addresses that changed hands mid-day)."})
    boolean isp;

    @Option(names = "--rotate", paramLabel = "daily|none", description = "Daily files as each server names them (ex010719.log, access_log.2001-07-19, ...), or one file per server (default: ${DEFAULT-VALUE}).")
    String rotate = "daily";

    @Option(names = "--threads", paramLabel = "N", description = "Workers making log bytes (default: all cores, ${DEFAULT-VALUE}); the output does not depend on it.")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--debug", description = "Show stack traces of internal errors.")
    boolean debug;

    static final class ServerKinds extends ArrayList<String> {
        ServerKinds() { super(SimulateOptions.serverKinds()); }
    }

    static final class LogFormats extends ArrayList<String> {
        LogFormats() { super(SimulateOptions.logFormats()); }
    }

    @Override public Integer call() {
        if (!rotate.equals("daily") && !rotate.equals("none")) throw new UsageException("--rotate must be daily or none");
        SimulateOptions options;
        try {
            options = new SimulateOptions(seed, out, scale, date("--from", from), date("--to", to), servers, gzip, background,
                    targetBytes == null ? 0 : size(targetBytes), rotate.equals("daily"), threads, alsoAs, isp);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        long started = System.nanoTime();
        Simulation.Summary s;
        try {
            s = Simulation.run(options);
        } catch (IOException e) {
            spec.commandLine().getErr().println("wormsign: the simulated logs could not be written to " + TerminalText.clean(out.toString())
                    + ": " + TerminalText.clean(String.valueOf(e.getMessage())));
            return ExitStatus.OUTPUT;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        String tz = s.localTimeZones().isEmpty() ? "" : "--tz " + s.localTimeZones().get(0) + " ";
        // With mirrors, the output folder holds every request more than once: only the servers' own folders
        // together give the truth.
        String what = out.toString();
        // With --isp the lease files are there too: they are customer data, not logs.
        if (!s.mirrors().isEmpty() || s.isp() != null) {
            List<String> folders = new ArrayList<>();
            for (String server : s.servers()) folders.add(out.resolve(server).toString());
            what = String.join(" ", folders);
        }
        spec.commandLine().getOut().println(TerminalText.clean(String.format(Locale.ROOT,
                "Wrote %d log files (%.1f MB, %d lines) for %d servers (%s) to %s: %d Code Red I and %d Code Red II attempts from %d sources, "
                        + "the truth in truth.csv, the epidemic in epidemic.csv. Analyze them with: ./wormsign analyze %s%s",
                s.files().size(), s.bytes() / 1e6, s.lines(), s.servers().size(), String.join(", ", s.servers()), out,
                s.codeRed(), s.codeRedII(), s.sources(), tz, what)));
        if (s.isp() != null) {
            Simulation.IspWritten w = s.isp();
            spec.commandLine().getOut().println(TerminalText.clean(String.format(Locale.ROOT,
                    "The ISP's side: %d static assignments in customers.csv, %d dynamic holdings in %s (each format complete, and mixed),"
                            + " %d customers sent %d attempts and %d came from other networks (truth-customers.csv), %d addresses changed hands mid-day"
                            + " (truth-handovers.csv). Analyze with: ./wormsign analyze --customers %s --leases %s %s%s",
                    w.assignments(), w.holdings(), out.resolve("leases"), w.customers(), w.attributed(), w.unattributed(), w.handovers(),
                    out.resolve("customers.csv"), out.resolve("leases").resolve("mixed"), tz, what)));
        }
        long mirrorBytes = 0;
        if (!s.mirrors().isEmpty()) {
            List<String> folders = new ArrayList<>();
            int files = 0;
            for (Simulation.Mirror m : s.mirrors()) {
                folders.add(m.folder());
                files += m.files().size();
                mirrorBytes += m.bytes();
            }
            spec.commandLine().getOut().println(TerminalText.clean(String.format(Locale.ROOT,
                    "The same requests again in %d mirror folders (%d files, %.1f MB): %s. Analyze each on its own (the zones of their times are in mirrors.csv).",
                    folders.size(), files, mirrorBytes / 1e6, String.join(", ", folders))));
        }
        spec.commandLine().getErr().println(String.format(Locale.ROOT, "wormsign: simulated in %.2f s (%.1f MB/s)", seconds,
                (s.bytes() + mirrorBytes) / 1e6 / seconds));
        return ExitStatus.OK;
    }

    private static LocalDate date(String option, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new UsageException(option + ": '" + text + "' is not a date (YYYY-MM-DD)");
        }
    }

    /** A size in bytes: a number, optionally followed by K, M or G (powers of 1024). */
    static long size(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("B")) t = t.substring(0, t.length() - 1);
        if (t.endsWith("K")) unit = 1L << 10;
        else if (t.endsWith("M")) unit = 1L << 20;
        else if (t.endsWith("G")) unit = 1L << 30;
        if (unit != 1) t = t.substring(0, t.length() - 1);
        try {
            double v = Double.parseDouble(t);
            if (!(v > 0) || v * unit > 1e15) throw new NumberFormatException();
            return (long) (v * unit);
        } catch (NumberFormatException e) {
            throw new UsageException("--target-bytes: '" + text + "' is not a size (e.g. 2G, 500M, 100000)");
        }
    }
}
