package org.wormsign.pipeline;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.List;

import org.wormsign.aggregate.Aggregator;
import org.wormsign.detect.ServerKind;
import org.wormsign.format.FormatSniffer;
import org.wormsign.format.KnownFormats;
import org.wormsign.format.LineParser;
import org.wormsign.format.LogFormat;
import org.wormsign.input.Archive;
import org.wormsign.input.CountingDigestInputStream;
import org.wormsign.input.DamagedInputException;
import org.wormsign.input.Decompression;
import org.wormsign.input.FileSnapshot;
import org.wormsign.input.Input;
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
    /** How much of the decompressed input the sniffer sees. */
    static final int SNIFF_BYTES = 64 * 1024;
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
        if (ChunkedScan.applies(input, options)) {
            try {
                InputResult chunked = ChunkedScan.scan(id, input, options, progress);
                if (chunked != null) return List.of(chunked);
            } catch (IOException | RuntimeException e) {
                // Read it again the sequential way, which says where and why a read stops.
            }
        }
        LogScan whole = new LogScan(id, input.name(), input.explicit());
        whole.rereadable = input.path() != null && java.nio.file.Files.isRegularFile(input.path())
                && input.path().toString().equals(input.name());
        InputStream opened;
        try {
            opened = input.openRaw();
        } catch (IOException | RuntimeException e) {
            whole.errors.add("cannot be opened: " + describe(e));
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
                    + " lines read (" + self.stored.count() + " bytes as stored): " + describe(e));
            results.set(0, self.result(null));
        }
        return results;
    }

    /** One member, read like a log. */
    private static InputResult readMember(long id, String archive, CountingDigestInputStream archiveStored,
                                          Archive.Member m, AnalyzeOptions options) {
        // Found inside an archive, not named by the user: a member that is not a log is ignored, as in a folder.
        LogScan scan = new LogScan(id, archive + MEMBER_SEPARATOR + m.name(), false);
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

    static String describe(Exception e) {
        String m = e.getMessage();
        if (e instanceof java.io.EOFException) return "unexpected end of data (cut short)";
        if (e instanceof java.util.zip.ZipException) return "damaged compressed data (" + m + ")";
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file (removed after it was found?)";
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) return f.getReason();
        // Our own checks and commons-compress say what is wrong in the message ("Truncated TAR archive").
        if ((e instanceof DamagedInputException || e.getClass() == IOException.class) && m != null && !m.isBlank()) return m;
        String kind = e.getClass().getSimpleName();
        return m == null || m.isBlank() ? kind : kind + ": " + m;
    }

    /** The lines of one log (a file, or an archive member) into one aggregate. */
    private static final class LogScan {
        private final long index;
        private final String name;
        private final boolean explicit;
        private final Aggregator aggregator;
        private final List<String> errors = new ArrayList<>();
        private LineParser parser;
        private CountingDigestInputStream stored;
        /** For a member: the archive's name and bytes as stored, to say where in it a read stopped. */
        private String archive;
        private CountingDigestInputStream archiveStored;
        private String codec = "plain";
        private String format = "unrecognised";
        /** The zone its local times are read in; null until the format is known, and for formats that log none. */
        private java.time.ZoneId zone;
        /** A regular file whose name is its path: its lines can be read again at their offsets. */
        private boolean rereadable;
        /** Bytes of a UTF-8 byte-order mark before the first line, passed over. */
        private int bom;

        LogScan(long index, String name, boolean explicit) {
            this.index = index;
            this.name = name;
            this.explicit = explicit;
            this.aggregator = new Aggregator(index, name);
        }

        InputResult read(Decompression.Opened dec, AnalyzeOptions options) throws IOException {
            // A log of its own (not an archive member, read in archive order): decompress (and hash) on a
            // second thread while this one parses.
            // With --threads 1, one thread does it all.
            InputStream in = archive == null && options.threads() > 1 ? new ReadAhead(dec.stream(), name) : dec.stream();
            // Read by hand rather than readNBytes, which drops what it gathered when damage ends the read:
            // the lines before the damage are still counted, then the damage is reported.
            byte[] raw = new byte[SNIFF_BYTES];
            int got = 0;
            IOException damage = null;
            try {
                for (int n; got < raw.length && (n = in.read(raw, got, raw.length - got)) >= 0; ) got += n;
            } catch (IOException e) {
                damage = e;
            }
            boolean whole = got < SNIFF_BYTES;
            TextForm form = TextForm.detect(raw, got);
            if (damage != null) got = form.wholeLines(raw, got); // a line cut by the damage is not a line
            bom = form.bomLength();
            // What the sniffer and the line reader see: UTF-16 decoded, CR line ends as LF (TextForm).
            byte[] head = form.decodeHead(raw, got);
            if (form.encoding() == TextForm.Encoding.UTF16LE || form.encoding() == TextForm.Encoding.UTF16BE) {
                // Said where summary.json says how the input was stored: its offsets are of the UTF-8 form.
                codec = "plain".equals(codec) ? form.encoding().label() : codec + "+" + form.encoding().label();
            }
            // This input's own zone, chosen by its name before the format is: the sniffer reads times with it.
            java.time.ZoneId given = options.zones().zoneFor(name);
            LogFormat plan = options.forcedFormat();
            byte[] sniffHead = bom > 0 && head.length >= bom ? java.util.Arrays.copyOfRange(head, bom, head.length) : head;
            if (plan != null) {
                plan = plan.inZone(given);
                format = plan.name();
            } else {
                FormatSniffer.Sniffed sniffed = FormatSniffer.sniff(sniffHead, sniffHead.length, whole, KnownFormats.sniffCandidates(given));
                plan = sniffed.format();
                format = head.length == 0 ? "empty" : sniffed.name();
                if (plan == null && head.length > 0) {
                    if (!explicit && damage == null) {
                        return new InputResult(index, name, stored.count(), stored.finishSha256(), codec, format, null,
                                aggregator.aggregate(), List.of(), "not a log in a known format (none of its first lines parse)");
                    }
                    errors.add("format not recognised from its first lines; every line is rejected (name the format with --format, --log-format or --nginx-format)");
                }
            }
            zone = InputZones.applied(plan, given);
            parser = plan == null ? null : plan.newParser();
            aggregator.serverKind(ServerKind.ofFormat(format));
            aggregator.localZone(given);
            // A plain file named by its path can give its lines back later: its evidence text may stay there.
            // Any other input's evidence text past the budget goes to the run's spill file, not the heap.
            if (rereadable && "plain".equals(codec) && form.equals(TextForm.PLAIN) && bom == 0) aggregator.rereadableFrom(options.textBudget());
            else aggregator.spillsPast(options.textBudget());
            // SequenceInputStream closes what it has read to the end; the digest still needs the raw stream.
            InputStream all = whole || damage != null ? new ByteArrayInputStream(raw, 0, got)
                    : new SequenceInputStream(new ByteArrayInputStream(raw, 0, got), new NonClosingInputStream(in));
            new LineReader(form.decode(all), options.maxLineBytes()).readAll(new RecordSink(aggregator, parser, bom));
            if (damage != null) throw damage;
            return result(stored.finishSha256());
        }

        InputResult result(String sha256) {
            return new InputResult(index, name, stored == null ? 0 : stored.count(), sha256, codec, format, zone,
                    aggregator.aggregate(), errors, null);
        }

        /** A corrupt or truncated input, a vanished file: keep what was read, say how far it got. */
        InputResult failed(Exception e) {
            long done = aggregator.aggregate().totals().lines();
            String bytes = stored == null ? "" : archive == null ? " (" + stored.count() + " bytes)"
                    : " (" + stored.count() + " bytes of the member; " + archiveStored.count() + " bytes of " + archive + " as stored)";
            errors.add("read stopped after " + done + " lines" + bytes + ": " + describe(e));
            return result(null);
        }
    }
}
