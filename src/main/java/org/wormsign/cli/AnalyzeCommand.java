package org.wormsign.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.wormsign.aggregate.Snapshot;
import org.wormsign.aggregate.SnapshotFile;
import org.wormsign.aggregate.StateFolder;
import org.wormsign.format.FormatException;
import org.wormsign.format.KnownFormats;
import org.wormsign.format.LogFormat;
import org.wormsign.format.apache.ApacheLogFormat;
import org.wormsign.format.json.JsonLayout;
import org.wormsign.format.json.JsonLinesFormat;
import org.wormsign.format.nginx.NginxLogFormat;
import org.wormsign.input.Input;
import org.wormsign.input.LineReader;
import org.wormsign.isp.Attribution;
import org.wormsign.isp.CustomerData;
import org.wormsign.isp.CustomerFormat;
import org.wormsign.isp.CustomerSources;
import org.wormsign.isp.IspFindings;
import org.wormsign.isp.IspHook;
import org.wormsign.pipeline.AnalyzeOptions;
import org.wormsign.pipeline.Analyzer;
import org.wormsign.pipeline.Engine;
import org.wormsign.pipeline.LineOptions;
import org.wormsign.pipeline.InputZones;
import org.wormsign.pipeline.Progress;
import org.wormsign.input.InputFinder;
import org.wormsign.input.IoErrors;
import org.wormsign.pipeline.RunResult;
import org.wormsign.report.Notices;
import org.wormsign.report.ReportModel;
import org.wormsign.report.StoredHosts;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "analyze", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Reads access logs and reports every source that sent Code Red, with its evidence.",
            "PATH is a file, a folder (read recursively) or - for standard input; .gz is read as is.",
            "Writes report.html, hosts.csv, evidence.csv, rejects.csv and summary.json to the output folder."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:done", "1:done, but some input could not be read completely",
            "2:usage error", "3:with --fail-on-detection, Code Red was found (from a source, or in a line that could not be read)", "70:internal error",
            "74:the outputs could not be written"})
final class AnalyzeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    /** What reads the inputs: this machine's threads, or a Spark job (SparkCommand). */
    private final Engine engine;

    AnalyzeCommand() {
        this(Analyzer.LOCAL);
    }

    AnalyzeCommand(Engine engine) {
        this.engine = engine;
    }

    @Parameters(paramLabel = "PATH", description = "Logs to read (default: sample-logs).", arity = "0..*")
    List<String> paths = new ArrayList<>();

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("reports");

    @Option(names = "--format", paramLabel = "NAME", description = "auto (default: sniffed per input) or one of: ${COMPLETION-CANDIDATES}.",
            completionCandidates = FormatNames.class)
    String format = "auto";

    @Option(names = "--log-format", paramLabel = "LOGFORMAT", description = "An Apache LogFormat string, verbatim, or a nickname (common, combined, vhost_combined, referer, agent).")
    String logFormat;

    @Option(names = "--nginx-format", paramLabel = "LOG_FORMAT", description = "An nginx log_format string, verbatim.")
    String nginxFormat;

    @Option(names = "--client", paramLabel = "FIELD", description = {"The field the client is, as --log-format or --nginx-format writes it: %%a, %%h, %%{c}a, %%{X-Forwarded-For}i; $remote_addr, $the_real_ip, $proxy_protocol_addr, $http_x_forwarded_for, any $variable. Of a list (X-Forwarded-For) the leftmost address.",
            "Default: the one of these the format logs that comes first here: %%a %%h %%{c}a %%{X-Forwarded-For}i %%{X-Real-IP}i, or of $remote_addr $the_real_ip $proxy_protocol_addr $realip_remote_addr $http_x_forwarded_for $http_x_real_ip $proxy_add_x_forwarded_for."})
    String client;

    @Option(names = "--json-fields", paramLabel = "ROLE=PATH,...", description = "JSON lines with these keys (dotted paths for nested ones): client=PATH, request=PATH (the request line) or uri=PATH with method=PATH, and optionally time=PATH, status=PATH, target=PATH.")
    String jsonFields;

    @Option(names = "--tz", paramLabel = "[GLOB=]ZONE", description = {"Time zone of logs that record local time without an offset (IIS native; strftime formats without %%z), e.g. America/New_York or -04:00. Default: UTC, with a warning in the summary.",
            "Repeatable as GLOB=ZONE for the inputs whose name (archive!member for archive members) the glob matches, the first match deciding: 'web1=America/New_York' (anything under web1/), '*!W3SVC2/*=Asia/Tokyo'; a plain ZONE is for the rest."})
    List<String> tz = new ArrayList<>();

    @Option(names = "--gap-hours", paramLabel = "H", description = "A target's silence this long is reported, if it usually logs more often (default: ${DEFAULT-VALUE}).")
    double gapHours = 6;

    @Option(names = "--threads", paramLabel = "N", description = "Inputs read at once (default: all cores, ${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();

    static final int MAX_LINE_LIMIT = 256 << 20;

    @Option(names = "--max-line", paramLabel = "BYTES", description = "Longer lines are rejected as line-too-long (default: ${DEFAULT-VALUE}).")
    int maxLine = LineReader.DEFAULT_MAX_LINE;

    @Option(names = "--no-progress", description = "Show no progress bar on stderr (it is shown only on a terminal anyway).")
    boolean noProgress;

    @Option(names = "--fail-on-detection", description = "Exit with status 3 when any Code Red source is found, or Code Red in a line that could not be read.")
    boolean failOnDetection;

    @Option(names = "--save", paramLabel = "FILE", description = "Also write the run's snapshot to FILE (written whole or not at all), which 'wormsign report' renders again, alone or merged with others, without the logs.")
    Path save;

    @Option(names = "--customers", paramLabel = "FILE", description = {"ISP mode: customer data, repeatable; most often static assignments, a CSV prefix,customer[,name,contact] of IPv4/IPv6 CIDR prefixes or first-last ranges (the longest prefix wins).",
            "Any format --leases reads is read here too; FORMAT:FILE names the format (static, dhcpd, kea, radius, plain)."})
    List<String> customers = new ArrayList<>();

    @Option(names = "--leases", paramLabel = "FILE|DIR", description = {"ISP mode: dynamic assignments, repeatable; a folder is read recursively, each file's format detected: ISC dhcpd.leases (and its archived copies), Kea kea-leases4.csv, FreeRADIUS accounting detail files, or a plain CSV address,start_utc,end_utc,customer.",
            "FORMAT:PATH names the format. Each attempt goes to the lease in force at its UTC second, else to the longest static prefix."})
    List<String> leases = new ArrayList<>();

    @Option(names = "--customer-field", paramLabel = "FORMAT=FIELD", description = {"Which field names the customer in a format, repeatable. Defaults: dhcpd=hardware-ethernet (or uid, client-hostname, agent.circuit-id, agent.remote-id), kea=hwaddr (any column: client_id, hostname), radius=User-Name (any attribute: Calling-Station-Id), plain=customer (any column)."})
    List<String> customerFields = new ArrayList<>();

    @Option(names = "--radius-interim", paramLabel = "SECONDS", description = "A RADIUS session with no Stop, no Accounting-On/Off of its NAS and no Acct-Interim-Interval of its own ends this long after its last update (default: ${DEFAULT-VALUE}).")
    long radiusInterim = 600;

    @Option(names = "--notice-template", paramLabel = "FILE", description = "ISP mode: the text of each customer's notice in notices/, with {{placeholders}} (README, \"ISP abuse desk\"); default: the built-in one.")
    Path noticeTemplate;

    @Option(names = "--reporter", paramLabel = "ORG,EMAIL,DOMAIN", description = "ISP mode: who sends the notices and XARF reports (XARF's reporter and sender), e.g. 'Example ISP,abuse@isp.example,isp.example'.")
    String reporter;

    @Option(names = "--state", paramLabel = "DIR", description = {"Keep what is found in DIR from run to run (made if missing): inputs absorbed by an earlier run are skipped (the same bytes, whatever their name),"
            + " a log that grew since (or its rotated copy) is read on from where it ended, this run's are added, and the outputs describe everything absorbed so far. 'wormsign report --state DIR' renders it without reading logs."})
    Path state;

    @Option(names = "--wait", description = "With --state: wait while another run uses the state, instead of exiting with status 2.")
    boolean waitForState;

    @Option(names = "--absorb-only", description = "With --state: absorb the inputs and write no outputs (which describe the whole state, so cost"
            + " time in proportion to it); 'wormsign report --state DIR' writes them when they are wanted.")
    boolean absorbOnly;

    @Option(names = "--debug", description = "Show stack traces of internal errors, and how long the scan, the report model and the outputs took.")
    boolean debug;

    static final class FormatNames extends ArrayList<String> {
        FormatNames() { super(KnownFormats.names()); }
    }

    @Override public Integer call() throws Exception {
        if (threads < 1) throw new UsageException("--threads must be at least 1");
        // The line buffer is about twice the limit, per thread: a limit past 256 MiB would not fit a heap.
        if (maxLine < 1024 || maxLine > MAX_LINE_LIMIT) throw new UsageException("--max-line must be from 1024 to " + MAX_LINE_LIMIT + " bytes");
        if (!(gapHours > 0)) throw new UsageException("--gap-hours must be more than 0");
        InputZones zones = zones();
        LogFormat plan = forcedFormat();
        checkOutputFolder(out);
        if (save != null) checkSnapshotFile(save);
        // The state keeps per-source summaries; the attribution rides in the attempt hook, which it does not keep.
        if (state != null && (!customers.isEmpty() || !leases.isEmpty())) {
            throw new UsageException("--state does not keep ISP mode's attribution: give --customers and --leases to a run without --state");
        }
        CustomerSources customerSources = customerSources();
        Attribution attribution = customerData(customerSources);
        Notices.Settings notices = attribution == null ? null : noticeSettings();
        List<String> inputs = paths.isEmpty() ? List.of("sample-logs") : paths;
        List<String> arguments = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        org.wormsign.report.Charts.warmUpInBackground();
        AnalyzeOptions options = new AnalyzeOptions(inputs, out, plan, threads, maxLine, zones, arguments);
        if (attribution != null) options = options.withAttemptHooks(IspHook.factory(attribution));
        IspFindings isp = null;
        boolean showProgress = !noProgress && System.console() != null;
        if (absorbOnly && save != null) throw new UsageException("--absorb-only writes no outputs: --save is one");
        if (state != null) return withState(options, showProgress ? new ConsoleProgress() : Progress.NONE);
        if (waitForState || absorbOnly) throw new UsageException((waitForState ? "--wait" : "--absorb-only") + " is for --state");
        ReportModel model;
        String rate;
        double scanSeconds;
        boolean incomplete;
        long modelStart, writeStart;
        // The spill of evidence text (compressed inputs past the text budget) is deleted once the outputs are written.
        try (var spill = options.textBudget().spill()) {
            Engine.Scan scan = engine.scan(options, lineOptions(), attribution, engine.find(options.paths()),
                    showProgress ? new ConsoleProgress() : Progress.NONE);
            modelStart = System.nanoTime();
            if (attribution != null) isp = IspFindings.of(scan.hook(), attribution);
            Snapshot snapshot = scan.snapshot();
            if (save != null) {
                try {
                    SnapshotFile.write(snapshot, save);
                } catch (java.io.IOException e) {
                    spec.commandLine().getErr().println("wormsign: the snapshot could not be written to " + TerminalText.clean(save.toString())
                            + ": " + TerminalText.clean(describe(e)));
                    return ExitStatus.OUTPUT;
                }
            }
            rate = RunSummary.rate(snapshot);
            Snapshot.Run read = snapshot.runs().get(0);
            scanSeconds = java.time.Duration.between(read.started(), read.finished()).toNanos() / 1e9;
            incomplete = incomplete(snapshot);
            model = ReportModel.of(snapshot, Version.get(), Math.round(gapHours * 3600)).readBy(engine.name());
            // The model holds what the outputs need; the snapshot's index of a million sources would only add to
            // the heap's peak while they are written.
            scan = null;
            snapshot = null;
            writeStart = System.nanoTime();
            if (!OutputsWritten.write(model, out, threads, spec.commandLine().getErr(), isp, notices)) return ExitStatus.OUTPUT;
        }

        PrintWriter err = spec.commandLine().getErr();
        if (isp != null) tellCustomerData(isp, err);
        if (isp != null && save != null) {
            err.println("wormsign: warning: the snapshot (--save) does not carry the customer attribution: 'wormsign report' of it writes no customers.csv, networks.csv or notices/");
        }
        OutputsWritten.tell(model, out, spec.commandLine().getOut(), err);
        err.println(TerminalText.clean(rate));
        // Where a slow run's time went, for whoever tunes a large job: the scan, building the report, writing.
        if (debug) {
            err.printf(java.util.Locale.ROOT, "wormsign: debug: scan %.2f s, report model %.2f s, outputs %.2f s%n",
                    scanSeconds, (writeStart - modelStart) / 1e9, (System.nanoTime() - writeStart) / 1e9);
        }

        return OutputsWritten.status(model, incomplete, failOnDetection);
    }

    /** ISP mode: the customer data read before any log, or null when none is given. A file that cannot be used is a usage error. */
    private Attribution customerData(CustomerSources sources) {
        if (sources == null) return null;
        try {
            return sources.load();
        } catch (CustomerData.LoadException e) {
            throw new UsageException(TerminalText.clean(e.getMessage()));
        }
    }

    /** ISP mode: the customer data as named, checked; null when none is given. */
    private CustomerSources customerSources() {
        if (customers.isEmpty() && leases.isEmpty()) {
            if (!customerFields.isEmpty() || noticeTemplate != null || reporter != null) {
                throw new UsageException("--customer-field, --notice-template and --reporter need --customers or --leases");
            }
            return null;
        }
        if (radiusInterim < 0) throw new UsageException("--radius-interim must be 0 or more seconds");
        java.util.Map<CustomerFormat, String> fields = new java.util.EnumMap<>(CustomerFormat.class);
        for (String f : customerFields) {
            int eq = f.indexOf('=');
            CustomerFormat format = eq > 0 ? CustomerFormat.byName(f.substring(0, eq)) : null;
            if (format == null || format == CustomerFormat.STATIC || eq == f.length() - 1) {
                throw new UsageException("--customer-field " + TerminalText.clean(f) + ": give FORMAT=FIELD, FORMAT one of dhcpd, kea, radius, plain");
            }
            fields.put(format, f.substring(eq + 1));
        }
        List<String> specs = new ArrayList<>(customers);
        specs.addAll(leases);
        return new CustomerSources(specs, fields, radiusInterim);
    }

    /** The notices' template (checked now: an unknown placeholder is a usage error) and reporter. */
    private Notices.Settings noticeSettings() {
        try {
            Notices.Template template = Notices.Template.standard();
            if (noticeTemplate != null) {
                String text;
                try {
                    text = java.nio.file.Files.readString(noticeTemplate, java.nio.charset.StandardCharsets.UTF_8);
                } catch (java.io.IOException e) {
                    throw new UsageException("--notice-template " + TerminalText.clean(noticeTemplate.toString()) + ": " + TerminalText.clean(describe(e)));
                }
                template = Notices.Template.parse(text);
            }
            return new Notices.Settings(template, reporter == null ? Notices.Reporter.UNSET : Notices.Reporter.parse(reporter));
        } catch (IllegalArgumentException e) {
            throw new UsageException(TerminalText.clean(e.getMessage()));
        }
    }

    /** What could not be read of the customer data, on stderr: a count and the first few, each one line. */
    private static void tellCustomerData(IspFindings isp, PrintWriter err) {
        var problems = isp.data().problems();
        if (problems.rejected() > 0) {
            err.println("wormsign: warning: customer data: " + problems.rejected() + " lines or blocks could not be read (all in summary.json); the first:");
            problems.samples().stream().limit(5).forEach(r -> err.println("wormsign:   " + TerminalText.clean(r.toString())));
        }
        if (problems.overlaps() > 0) {
            err.println("wormsign: warning: customer data: " + problems.overlaps() + " holdings of an address by two clients at once; the later start was taken: "
                    + TerminalText.clean(problems.overlapSamples().get(0)));
        }
    }

    /**
     * A run on a state: inputs absorbed before are skipped (a plain file is identified by its bytes before it is
     * read), the rest are read as one run, absorbed and committed, and the outputs are of the whole state.
     */
    private Integer withState(AnalyzeOptions options, Progress progress) throws java.io.IOException {
        PrintWriter err = spec.commandLine().getErr();
        ReportModel model;
        boolean incomplete = false;
        String rate = null;
        StoredHosts.Read stored = null;
        try (StateFolder st = StateCommands.open(state, waitForState, err); var spill = options.textBudget().spill()) {
            InputFinder.Found found = engine.find(options.paths());
            StateInputs inputs = StateInputs.sort(st, found.inputs(), state);
            List<String> notes = new ArrayList<>(inputs.notes);
            java.util.Set<String> absorbedNow = new java.util.HashSet<>(), resumedNow = new java.util.HashSet<>();
            if (!inputs.read.isEmpty() || !found.errors().isEmpty()) {
                // Reading a log on from where an earlier run ended is this machine's: an engine's task reads its input whole.
                Engine reader = inputs.continued.isEmpty() ? engine : Analyzer.LOCAL;
                if (reader != engine) {
                    notes.add("this night's inputs were read on this machine, not by the " + engine.name() + " engine: "
                            + inputs.continued.size() + (inputs.continued.size() == 1 ? " of them goes" : " of them go")
                            + " on from where an earlier run ended");
                }
                Snapshot night = reader.scan(options, lineOptions(), null, new InputFinder.Found(inputs.read, found.errors()), progress).snapshot();
                incomplete = incomplete(night);
                rate = RunSummary.rate(night);
                for (Snapshot.Input r : night.inputs()) {
                    // A stream is known only once read: one absorbed before would be counted twice.
                    if (inputs.streams.contains(r.path()) && st.absorbed(r.sha256(), r.bytes())) {
                        throw new UsageException(r.path() + ": its bytes were absorbed by an earlier run (sha256 " + r.sha256()
                                + "): nothing of this run was absorbed into state " + state);
                    }
                    // A part read on that could not be read whole cannot be made one with what it goes on from.
                    if (inputs.continues(r.index()) && !r.errors().isEmpty()) {
                        throw new UsageException(TerminalText.clean(r.path() + " (read on from where an earlier run ended, in "
                                + inputs.fileOf(r.index()) + "): " + r.errors().get(0)) + ": nothing of this run was absorbed into state " + state);
                    }
                }
                for (Snapshot.Input i : night.inputs()) {
                    (inputs.continues(i.index()) ? resumedNow : absorbedNow).add(i.path() + "\u0000" + i.sha256() + "\u0000" + i.bytes());
                }
                st.absorb(night, options.textBudget(), inputs.continued, inputs.checked);
            }
            if (absorbOnly) {
                st.warnings().forEach(n -> err.println("wormsign: warning: " + TerminalText.clean(n)));
                notes.forEach(n -> err.println("wormsign: warning: " + TerminalText.clean(n)));
                err.println(TerminalText.clean((rate != null ? rate : "wormsign: nothing new to read") + "; state " + state + ": "
                        + st.sources() + " sources, epoch " + st.epoch()));
                return incomplete ? ExitStatus.INCOMPLETE : ExitStatus.OK;
            }
            ReportModel whole;
            if (save != null) {
                // The snapshot holds every source: read onto the heap whole, as --save of any run is.
                Snapshot all = st.read(options.textBudget());
                try {
                    SnapshotFile.write(all, save);
                } catch (java.io.IOException e) {
                    err.println("wormsign: the snapshot could not be written to " + TerminalText.clean(save.toString())
                            + ": " + TerminalText.clean(describe(e)));
                    return ExitStatus.OUTPUT;
                }
                whole = ReportModel.of(all, Version.get(), Math.round(gapHours * 3600));
            } else {
                stored = StoredHosts.model(st, options.textBudget(), Version.get(), Math.round(gapHours * 3600));
                whole = stored.model();
            }
            notes.addAll(0, st.warnings());
            model = whole.readBy(engine.name())
                    .ofState(i -> {
                        String id = i.path() + "\u0000" + i.sha256() + "\u0000" + i.bytes();
                        return resumedNow.contains(id) ? "resumed" : absorbedNow.contains(id) ? "new" : "already";
                    }, notes);
            whole = null;
            if (!OutputsWritten.write(model, out, threads, err)) return ExitStatus.OUTPUT;
        } catch (StateFolder.Refused e) {
            throw new UsageException(e.getMessage());
        } finally {
            ReportCommand.closeQuietly(stored);
        }
        OutputsWritten.tell(model, out, spec.commandLine().getOut(), err);
        err.println(TerminalText.clean(rate != null ? rate : "wormsign: nothing new to read: the outputs are of state " + state + " as it was"));
        return OutputsWritten.status(model, incomplete || !model.errors().isEmpty(), failOnDetection);
    }

    /**
     * Before anything is read: the output folder must be a folder that can be made and written to. An
     * existing one is used as it is (README: the five output files are replaced, nothing else is touched).
     */
    static void checkOutputFolder(Path out) {
        String shown = TerminalText.clean(out.toString());
        if (java.nio.file.Files.exists(out) && !java.nio.file.Files.isDirectory(out)) {
            throw new UsageException("-o " + shown + ": exists and is not a folder");
        }
        try {
            java.nio.file.Files.createDirectories(out);
        } catch (java.io.IOException e) {
            throw new UsageException("-o " + shown + ": the output folder cannot be made: " + describe(e));
        }
        if (!java.nio.file.Files.isWritable(out)) throw new UsageException("-o " + shown + ": the output folder cannot be written to");
    }

    /** Before anything is read: the snapshot's folder must be there, and the file no folder. */
    private static void checkSnapshotFile(Path file) {
        String shown = TerminalText.clean(file.toString());
        Path folder = file.toAbsolutePath().getParent();
        if (java.nio.file.Files.isDirectory(file)) throw new UsageException("--save " + shown + ": is a folder");
        if (folder == null || !java.nio.file.Files.isDirectory(folder)) throw new UsageException("--save " + shown + ": its folder does not exist");
        if (!java.nio.file.Files.isWritable(folder)) throw new UsageException("--save " + shown + ": its folder cannot be written to");
    }

    /** The error's words, and the file it names: the output folder, a folder above it, or an output in it. */
    static String describe(java.io.IOException e) {
        String file = e instanceof java.nio.file.FileSystemException f ? f.getFile() : null;
        return IoErrors.describe(e) + (file == null ? "" : ": " + file);
    }

    /**
     * True when some input could not be read completely (or a folder walked): the run's exit status is then 1.
     * The same question as {@link RunResult#incomplete}, asked of the run's snapshot, whichever engine read it.
     */
    static boolean incomplete(Snapshot run) {
        return run.runs().stream().anyMatch(r -> !r.walkErrors().isEmpty()) || run.inputs().stream().anyMatch(i -> !i.errors().isEmpty());
    }

    /** The options that say how lines are read, as given: what a Spark job's executors compile again. */
    private LineOptions lineOptions() {
        return new LineOptions(format, logFormat, nginxFormat, jsonFields, client, tz, maxLine);
    }

    private InputZones zones() {
        try {
            return lineOptions().zones();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The format named for every input, compiled once; each input's zone is applied as it is read. */
    private LogFormat forcedFormat() {
        int given = (logFormat != null ? 1 : 0) + (nginxFormat != null ? 1 : 0) + (jsonFields != null ? 1 : 0) + (!"auto".equals(format) ? 1 : 0);
        if (given > 1) throw new UsageException("give only one of --format, --log-format, --nginx-format and --json-fields");
        // The formats wormsign knows or sniffs log one client field each (%h, $remote_addr, c-ip): nothing to choose;
        // --json-fields names its client key itself.
        if (client != null && logFormat == null && nginxFormat == null) {
            throw new UsageException("--client needs --log-format or --nginx-format: it names a field of that format");
        }
        try {
            return lineOptions().compileFormat();
        } catch (FormatException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
