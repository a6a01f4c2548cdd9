package org.wormsign.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.wormsign.aggregate.Aggregate;
import org.wormsign.aggregate.KillPoints;
import org.wormsign.format.ChunkDirectives;
import org.wormsign.format.FormatException;
import org.wormsign.format.FormatSniffer;
import org.wormsign.format.KnownFormats;
import org.wormsign.format.LogFormat;
import org.wormsign.format.proxy.CloudFrontFormat;
import org.wormsign.input.CountingDigestInputStream;
import org.wormsign.input.Decompression;
import org.wormsign.input.FileSnapshot;
import org.wormsign.input.Input;
import org.wormsign.input.IoErrors;
import org.wormsign.input.LineReader;
import org.wormsign.input.TextForm;

/**
 * An input read on from where an earlier read of it ended ({@link Input.Resume}): a log that grew, or its rotated
 * copy (plain or compressed) holding those bytes and more. Its content's first {@code offset} bytes are hashed
 * (they must be the bytes read before) and shown to the format's directives (so that a W3C log's tail is read with
 * the {@code #Fields} in force where it begins), but not parsed; the rest is read as a chunk of the file is
 * ({@link ChunkedScan#read}), its lines numbered after those before. The result counts the new lines only, and
 * names the content as a whole: its SHA-256 and size are those of all of it, as a run over the whole file gives
 * them. A content that does not begin with the bytes read before is an error, and nothing of it is counted.
 */
final class ResumedScan {
    private ResumedScan() {}

    static InputResult scan(long index, Input input, AnalyzeOptions options, Progress progress) {
        Input.Resume from = input.resume();
        String name = input.name();
        InputStream opened;
        try {
            opened = input.openRaw();
        } catch (IOException | RuntimeException e) {
            return failed(index, name, 0, "plain", from.format(), "cannot be opened: " + IoErrors.describe(e));
        }
        try (opened) {
            CountingDigestInputStream stored = new CountingDigestInputStream(opened, progress::advance);
            Decompression.Opened dec = Decompression.open(stored);
            if (dec.container() != Decompression.Container.NONE) {
                return failed(index, name, 0, dec.compression(), from.format(), "an archive cannot be read on from an earlier read of a log");
            }
            java.time.ZoneId given = options.zones().zoneFor(name);
            LogFormat format;
            try {
                format = formatOf(from.format(), options, given);
            } catch (FormatException e) {
                return failed(index, name, 0, dec.compression(), from.format(), e.getMessage());
            }
            if (CloudFrontFormat.NAME.equals(format.name())) {
                // Its lines mean what a #Fields says that only a read from the start carries (as ChunkedScan says).
                return failed(index, name, 0, dec.compression(), from.format(), "a CloudFront log cannot be read on from where an earlier read ended");
            }
            Content content = new Content(dec.stream(), from.offset());
            ChunkDirectives directives = format.chunkDirectives();
            ChunkDirectives.InForce inForce = directives.none();
            if (directives == ChunkDirectives.NONE) {
                content.transferTo(java.io.OutputStream.nullOutputStream());
            } else {
                // Only the directives' lines are looked at: the lines read before are not parsed again.
                ChunkDirectives.Chunk watched = directives.begin(format.newParser(), inForce);
                new LineReader(content, options.maxLineBytes()).readAll(new LineReader.Sink() {
                    @Override public void line(byte[] buf, int start, int end, long lineNumber, long offset) {
                        watched.line(buf, start, end);
                    }

                    @Override public void tooLong(byte[] buf, int prefixStart, int prefixEnd, long lineNumber, long offset, long length) {}
                });
                inForce = watched.leaves(inForce);
            }
            String changed = content.prefixDiffers(from);
            if (changed != null) return failed(index, name, content.count, dec.compression(), format.name(), changed);
            content.pastPrefix();
            KillPoints.process().point();
            // Evidence text of a plain file named by its path stays there (it is read again at its offset when written).
            boolean textStaysInFile = "plain".equals(dec.compression()) && input.path() != null && input.path().toString().equals(name);
            ChunkedScan.Chunk tail = ChunkedScan.read(index, name, content, from.offset(), format, format.name(), options, directives,
                    inForce, textStaysInFile);
            Aggregate aggregate = tail.aggregate();
            aggregate.shiftLines(from.linesBefore());
            KillPoints.process().point();
            String sha = content.finishSha256();
            stored.finishSha256();
            List<String> errors = new ArrayList<>();
            if (opened instanceof FileSnapshot snapshot && snapshot.change() != null) errors.add(snapshot.change());
            java.time.ZoneId zone = InputZones.applied(format, given);
            return new InputResult(index, name, content.count, errors.isEmpty() ? sha : null, dec.compression(), format.name(),
                    zone != null ? zone : tail.directives().localZone(), tail.clientField() != null ? tail.clientField() : format.clientField(),
                    aggregate, errors, null);
        } catch (IOException | RuntimeException e) {
            return failed(index, name, 0, "plain", from.format(), "read stopped: " + IoErrors.describe(e));
        }
    }

    /**
     * The format the lines before were read in: the one named for this run (which must be it), else the one the sniffer
     * chose then, made as the sniffer makes it. A range of a file read apart ({@link ChunkedScan#readRange}) is made
     * its format this way too, by the name its plan gave.
     */
    static LogFormat formatOf(String before, AnalyzeOptions options, java.time.ZoneId given) {
        LogFormat forced = options.forcedFormat();
        if (forced != null) {
            if (!forced.name().equals(before)) {
                throw new FormatException("its lines before were read as " + before + ", not as " + forced.name() + ": read on in the same format");
            }
            return forced.inZone(given);
        }
        // Every format the sniffer may name (nginx's combined too, which it tells from Apache's by the lines), made as it makes them.
        for (LogFormat f : new FormatSniffer(KnownFormats.sniffCandidates(given)).formats()) if (f.name().equals(before)) return f;
        if (FormatDecision.UNRECOGNISED.equals(before)) {
            throw new FormatException("its lines before were read in no format wormsign knows, so every one was rejected: it cannot be read on"
                    + " (name its format for a run on another state)");
        }
        throw new FormatException("its lines before were read as " + before + ", a format named for that run: name it again to read on");
    }

    private static InputResult failed(long index, String name, long bytes, String codec, String format, String why) {
        return new InputResult(index, name, bytes, null, codec, format, null, new Aggregate(), List.of(why), null);
    }

    /**
     * The decompressed content: its first {@code prefix} bytes alone until {@link #pastPrefix}, then the rest; all of
     * it hashed, the prefix's hash, line ends and head kept to check it against what was read before.
     */
    private static final class Content extends org.wormsign.input.BulkInputStream {
        private final InputStream in;
        private final MessageDigest md;
        private final long prefix;
        private long limit;
        private long count, lineEnds;
        private final byte[] head;
        private int headLength;
        private String prefixSha;

        Content(InputStream in, long prefix) {
            this.in = in;
            this.prefix = prefix;
            this.limit = prefix;
            this.head = new byte[(int) Math.min(InputScan.HEAD_BYTES, prefix)];
            md = org.wormsign.input.FileDigest.newSha256();
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            if (count >= limit) return -1;
            int n = in.read(b, off, (int) Math.min(len, limit - count));
            if (n <= 0) return n;
            md.update(b, off, n);
            if (count < prefix) {
                for (int i = off; i < off + n; i++) if (b[i] == '\n') lineEnds++;
                if (headLength < head.length) {
                    int k = Math.min(n, head.length - headLength);
                    System.arraycopy(b, off, head, headLength, k);
                    headLength += k;
                }
            }
            count += n;
            return n;
        }

        /** Once the prefix is read: why it is not the one read before (null when it is). */
        String prefixDiffers(Input.Resume from) throws IOException {
            transferTo(java.io.OutputStream.nullOutputStream());
            if (count < prefix) return "it is shorter (" + count + " bytes) than the " + prefix + " bytes an earlier run read of it: cannot be read on";
            if (!TextForm.detect(head, headLength).equals(TextForm.PLAIN)) {
                return "its lines are spelled in UTF-16 or end in CR alone: it cannot be read on from where an earlier run ended";
            }
            prefixSha = org.wormsign.input.FileDigest.hexSoFar(md);
            if (!prefixSha.equals(from.prefixSha256()) || lineEnds != from.linesBefore()) {
                return "its first " + prefix + " bytes are not those an earlier run read (sha256 " + prefixSha + ", not " + from.prefixSha256()
                        + "): changed in place since?";
            }
            return null;
        }

        void pastPrefix() { limit = Long.MAX_VALUE; }

        String finishSha256() throws IOException {
            transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(md.digest());
        }
    }
}
