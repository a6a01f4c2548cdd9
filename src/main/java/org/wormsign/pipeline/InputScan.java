package org.wormsign.pipeline;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.List;

import org.wormsign.aggregate.Aggregate;
import org.wormsign.aggregate.Aggregator;
import org.wormsign.detect.ServerKind;
import org.wormsign.format.KnownFormats;
import org.wormsign.format.LogFormat;
import org.wormsign.input.Archive;
import org.wormsign.input.CountingDigestInputStream;
import org.wormsign.input.Decompression;
import org.wormsign.input.FileSnapshot;
import org.wormsign.input.Input;
import org.wormsign.input.IoErrors;
import org.wormsign.input.LineReader;
import org.wormsign.input.NonClosingInputStream;
import org.wormsign.input.ReadAhead;
import org.wormsign.input.TextForm;

/**
 * Reads one input from its first byte to its last: decompress, sniff, frame, parse, classify, aggregate.
 * A log yields one result. A zip or tar archive (plain or compressed) yields one for itself (its bytes as
 * stored, its SHA-256, archive-level errors) and then one per regular, non-empty member, in archive order,
 * each named {@code archive!member} and read like a log of its own. Members that are archives themselves
 * are not opened.
 */
public final class InputScan {
    /** How much of the decompressed input's head decides how its text is spelled ({@link TextForm}). */
    static final int HEAD_BYTES = 64 * 1024;
    /** Joins an archive's name and a member's: {@code logs.zip!W3SVC1/ex010719.log}. */
    public static final String MEMBER_SEPARATOR = "!";

    private InputScan() {}

    public static List<InputResult> scan(int index, Input input, AnalyzeOptions options) {
        return scan(index, input, options, Progress.NONE);
    }

    /**
     * @param index the input's place among all inputs; results carry {@code index << 32 | member}, so every
     *              member of this input sorts after every line of the inputs before it
     */
    public static List<InputResult> scan(int index, Input input, AnalyzeOptions options, Progress progress) {
        long id = (long) index << 32;
        if (input.resume() != null) return List.of(ResumedScan.scan(id, input, options, progress));
        if (ChunkedScan.applies(input, options)) {
            try {
                InputResult chunked = ChunkedScan.scan(id, input, options, progress);
                if (chunked != null) return List.of(chunked);
            } catch (IOException | RuntimeException e) {
                // Read it again the sequential way, which says where and why a read stops.
            }
        }
        LogScan whole = new LogScan(id, input.name(), input.explicit(), options);
        whole.rereadable = input.path() != null && java.nio.file.Files.isRegularFile(input.path())
                && input.path().toString().equals(input.name());
        InputStream opened;
        try {
            opened = input.openRaw();
        } catch (IOException | RuntimeException e) {
            whole.errors.add("cannot be opened: " + IoErrors.describe(e));
            return List.of(whole.result(null));
        }
        try (opened) {
            whole.stored = new CountingDigestInputStream(opened, progress::advance);
            Decompression.Opened dec = Decompression.open(whole.stored);
            whole.codec = dec.compression();
            List<InputResult> results = dec.container() == Decompression.Container.NONE
                    ? List.of(whole.read(dec, options))
                    : readArchive(id, input.name(), whole, dec, options);
            // Read to its end by now (the digest drains it): say whether the file changed while it was read.
            if (!(opened instanceof FileSnapshot snapshot) || snapshot.change() == null) return results;
            whole.errors.add(snapshot.change());
            List<InputResult> withChange = new ArrayList<>(results);
            withChange.set(0, whole.result(results.get(0).sha256()));
            return withChange;
        } catch (IOException | RuntimeException e) {
            return List.of(whole.failed(e));
        }
    }

    /**
     * Reads the members in one pass. Damage inside a member's own compression (a cut .gz inside an intact
     * tar) stays that member's error and the next member is read; damage to the archive itself ends the
     * archive there, with an error on the member being read and on the archive's own result.
     */
    private static List<InputResult> readArchive(long id, String name, LogScan self, Decompression.Opened dec,
                                                 AnalyzeOptions options) {
        self.format = "archive";
        List<InputResult> results = new ArrayList<>();
        results.add(null); // the archive's own result, made last, when its end has been checked
        long lines = 0;
        int ordinal = 0;
        String where = "before the first member";
        try {
            Archive archive = Archive.open(dec);
            for (Archive.Member m; (m = archive.next()) != null; ) {
                ordinal++;
                InputResult r = readMember(id | ordinal, name, self.stored, m, options);
                results.add(r);
                lines += r.aggregate().totals().lines();
                where = "in member " + m.name();
                if (archive.fault() != null) throw archive.fault();
                where = "after member " + m.name();
            }
            // To the end of the decoded stream, so a compressed archive's trailer (CRC, length) is checked too.
            dec.stream().transferTo(OutputStream.nullOutputStream());
            results.set(0, self.result(self.stored.finishSha256()));
        } catch (IOException | RuntimeException e) {
            int members = results.size() - 1;
            self.errors.add("read stopped " + where + " with " + members + (members == 1 ? " member, " : " members, ") + lines
                    + " lines read (" + self.stored.count() + " bytes as stored): " + IoErrors.describe(e));
            results.set(0, self.result(null));
        }
        return results;
    }

    /** One member, read like a log. */
    private static InputResult readMember(long id, String archive, CountingDigestInputStream archiveStored,
                                          Archive.Member m, AnalyzeOptions options) {
        // Found inside an archive, not named by the user: a member that is not a log is ignored, as in a folder.
        LogScan scan = new LogScan(id, archive + MEMBER_SEPARATOR + m.name(), false, options);
        scan.archive = archive;
        scan.archiveStored = archiveStored;
        // bytes and sha256 of a member are of its bytes as stored in the archive, as extracting it would write
        // them (for logs.tar!access_log.2.gz: the .gz file), before any decompression of our own.
        scan.stored = new CountingDigestInputStream(m.stream());
        try {
            if (m.unreadable() != null) {
                scan.errors.add("cannot be read: " + m.unreadable());
                return scan.result(null);
            }
            Decompression.Opened dec = Decompression.open(scan.stored);
            scan.codec = dec.compression();
            if (dec.container() != Decompression.Container.NONE) {
                scan.format = "archive";
                scan.errors.add("an archive inside an archive is not read");
                return scan.result(scan.stored.finishSha256());
            }
            return scan.read(dec, options);
        } catch (IOException | RuntimeException e) {
            return scan.failed(e);
        }
    }

    /** The lines of one log (a file, or an archive member) into one aggregate. */
    private static final class LogScan {
        private final long index;
        private final String name;
        private final boolean explicit;
        /** Where this input's lines are counted: replaced by the one of the format named or sniffed. */
        private Aggregator aggregator;
        /** Sniffs the format when none is named; null until the lines are read, or when one is named. */
        private FormatDecision decision;
        private boolean settled;
        private final List<String> errors = new ArrayList<>();
        private CountingDigestInputStream stored;
        /** For a member: the archive's name and bytes as stored, to say where in it a read stopped. */
        private String archive;
        private CountingDigestInputStream archiveStored;
        private String codec = "plain";
        private String format = "unrecognised";
        /** The zone its local times are read in; null until the format is known, and for formats that log none. */
        private java.time.ZoneId zone;
        /** The field the client was read from, as the format spells it; null: none (or no format). */
        private String clientField;
        /** The zone --tz gives this input by its name (null: none given), before its format says whether it applies. */
        private java.time.ZoneId given;
        /** The parser that read its lines; null until the format is known. */
        private org.wormsign.format.LineParser parser;
        /** A regular file whose name is its path: its lines can be read again at their offsets. */
        private boolean rereadable;
        /** Bytes of a UTF-8 byte-order mark before the first line, passed over. */
        private int bom;

        LogScan(long index, String name, boolean explicit, AnalyzeOptions options) {
            this.index = index;
            this.name = name;
            this.explicit = explicit;
            this.aggregator = new Aggregator(index, name, options.attemptHooks().newHook());
        }

        InputResult read(Decompression.Opened dec, AnalyzeOptions options) throws IOException {
            // A log of its own (not an archive member, read in archive order): decompress (and hash) on a
            // second thread while this one parses.
            // With --threads 1, one thread does it all.
            InputStream in = archive == null && options.threads() > 1 ? new ReadAhead(dec.stream(), name) : dec.stream();
            try {
                return read(in, options);
            } finally {
                // Stops its thread where an input is set aside before its end; it has ended by itself otherwise.
                if (in instanceof ReadAhead ahead) ahead.close();
            }
        }

        private InputResult read(InputStream in, AnalyzeOptions options) throws IOException {
            // Read by hand rather than readNBytes, which drops what it gathered when damage ends the read:
            // the lines before the damage are still counted, then the damage is reported.
            byte[] raw = new byte[HEAD_BYTES];
            int got = 0;
            IOException damage = null;
            try {
                for (int n; got < raw.length && (n = in.read(raw, got, raw.length - got)) >= 0; ) got += n;
            } catch (IOException e) {
                damage = e;
            }
            boolean whole = got < HEAD_BYTES;
            TextForm form = TextForm.detect(raw, got);
            if (damage != null) got = form.wholeLines(raw, got); // a line cut by the damage is not a line
            bom = form.bomLength();
            if (form.encoding() == TextForm.Encoding.UTF16LE || form.encoding() == TextForm.Encoding.UTF16BE) {
                // Said where summary.json says how the input was stored: its offsets are of the UTF-8 form.
                codec = "plain".equals(codec) ? form.encoding().label() : codec + "+" + form.encoding().label();
            }
            // This input's own zone, chosen by its name before the format is: the sniffer reads times with it.
            given = options.zones().zoneFor(name);
            // A plain file named by its path can give its lines back later: its evidence text may stay there.
            // Any other input's evidence text past the budget goes to the run's spill file, not the heap.
            boolean textStaysInFile = rereadable && "plain".equals(codec) && form.equals(TextForm.PLAIN) && bom == 0;
            // SequenceInputStream closes what it has read to the end; the digest still needs the raw stream.
            InputStream all = whole || damage != null ? new ByteArrayInputStream(raw, 0, got)
                    : new SequenceInputStream(new ByteArrayInputStream(raw, 0, got), new NonClosingInputStream(in));
            // What the line reader sees: UTF-16 decoded, CR line ends as LF (TextForm).
            InputStream text = form.decode(all);
            LineReader.Sink sink;
            LogFormat plan = options.forcedFormat();
            if (plan != null) {
                plan = plan.inZone(given);
                format = plan.name();
                zone = InputZones.applied(plan, given);
                clientField = plan.clientField();
                aggregator = newAggregator(format, options, textStaysInFile);
                parser = plan.newParser();
                sink = new RecordSink(aggregator, parser, bom);
            } else {
                decision = new FormatDecision(KnownFormats.sniffCandidates(given), explicit, bom,
                        f -> newAggregator(f, options, textStaysInFile));
                byte[] head = form.decodeHead(raw, got);
                text = decision.watch(text, TextForm.notText(head, head.length));
                sink = decision;
            }
            new LineReader(text, options.maxLineBytes()).readAll(sink);
            settle(damage != null);
            if (decision != null && decision.setAside() != null && damage == null) {
                // Not a log, found in a folder or archive: not counted. Hashed only if it was read to its end anyway.
                return new InputResult(index, name, stored.count(), decision.cut() ? null : stored.finishSha256(), codec,
                        format, null, new Aggregate(), List.of(), decision.setAside());
            }
            if (damage != null) throw damage;
            return result(stored.finishSha256());
        }

        /** An aggregator for this input's lines read in the format of this name. */
        private Aggregator newAggregator(String formatName, AnalyzeOptions options, boolean textStaysInFile) {
            Aggregator a = new Aggregator(index, name, options.attemptHooks().newHook());
            a.serverKind(ServerKind.ofFormat(formatName));
            a.localZone(given);
            if (textStaysInFile) a.rereadableFrom(options.textBudget());
            else a.spillsPast(options.textBudget());
            return a;
        }

        /**
         * Once the lines are read, or a read stopped: the format sniffed, and the aggregator that read the lines
         * in it. An input with lines in no known format is an error unless it is set aside (found, not named).
         */
        private void settle(boolean damaged) {
            if (decision == null || settled) return;
            settled = true;
            decision.finish();
            aggregator = decision.aggregator();
            format = decision.bytesRead() == 0 ? "empty" : decision.name();
            zone = InputZones.applied(decision.format(), given);
            clientField = decision.recognised() ? decision.format().clientField() : null;
            parser = decision.parser();
            if (!decision.recognised() && decision.bytesRead() > 0 && (decision.setAside() == null || damaged)) {
                errors.add(notRecognised(decision));
            }
        }

        /** Why an input no known format reads is an error, in one line. */
        private static String notRecognised(FormatDecision decision) {
            AccessLogShape shape = decision.shape();
            if (shape.looksLikeAccessLog()) {
                return "looks like an access log but its layout is not one wormsign knows (" + shape.shaped() + " of "
                        + shape.sampled() + " lines have a request, status and time); name it with --log-format or --nginx-format";
            }
            long worm = decision.wormLines();
            String holds = worm == 0 ? "" : "; " + worm + (worm == 1 ? " line holds" : " lines hold")
                    + " the Code Red request (kept as salvaged requests)";
            return "format not recognised from its first lines; every line is rejected" + holds
                    + " (name the format with --format, --log-format or --nginx-format)";
        }

        InputResult result(String sha256) {
            // A W3C log's local columns (IIS Advanced Logging) are known only once its lines are read.
            if (zone == null && parser != null) zone = parser.localZone();
            // So is a JSON log's client key, where its layout names several.
            if (parser != null && parser.clientField() != null) clientField = parser.clientField();
            return new InputResult(index, name, stored == null ? 0 : stored.count(), sha256, codec, format, zone,
                    clientField, aggregator.aggregate(), errors, null);
        }

        /** A corrupt or truncated input, a vanished file: keep what was read, say how far it got. */
        InputResult failed(Exception e) {
            settle(true);
            long done = aggregator.aggregate().totals().lines();
            String bytes = stored == null ? "" : archive == null ? " (" + stored.count() + " bytes)"
                    : " (" + stored.count() + " bytes of the member; " + archiveStored.count() + " bytes of " + archive + " as stored)";
            errors.add("read stopped after " + done + " lines" + bytes + ": " + IoErrors.describe(e));
            return result(null);
        }
    }
}
