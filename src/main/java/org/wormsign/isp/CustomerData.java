package org.wormsign.isp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.wormsign.input.Decompression;
import org.wormsign.input.IoErrors;

/**
 * The customer data of an ISP, read once before the logs: static assignments into a {@link PrefixTable},
 * leases and sessions into a {@link LeaseIndex}, with what could not be read. Immutable once loaded, and
 * shared by every scanning thread.
 */
public final class CustomerData {
    /** One file read: its path as given or found, the format read, and how many rejects it gave. */
    public record FileRead(String path, String format, long rejected) {}

    /** A customer-data file that could not be used at all: said in one line, the run does not start. */
    public static final class LoadException extends Exception {
        public LoadException(String message) { super(message); }
    }

    private final Customers customers;
    private final PrefixTable prefixes;
    private final LeaseIndex leases;
    private final ReadProblems problems;
    private final List<FileRead> files;
    private final List<String> ignored;
    private final long withoutClient, declarations;

    private CustomerData(Reading r, PrefixTable prefixes, LeaseIndex leases, List<FileRead> files, List<String> ignored) {
        this.customers = r.customers;
        this.prefixes = prefixes;
        this.leases = leases;
        this.problems = r.problems;
        this.files = List.copyOf(files);
        this.ignored = List.copyOf(ignored);
        this.withoutClient = r.withoutClient;
        this.declarations = r.declarations;
    }

    /**
     * Reads every file named (a {@code FORMAT:} prefix names its format, e.g. {@code kea:leases.csv}; else it is
     * detected) and every file under every folder named (recursively, in name order; a file there in no known
     * format is listed as ignored). {@code fields} chooses the field naming the customer per format.
     */
    public static CustomerData load(List<String> specs, Map<CustomerFormat, String> fields, long radiusInterimSeconds) throws LoadException {
        Reading r = new Reading(fields, radiusInterimSeconds);
        List<FileRead> read = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (String spec : specs) {
            CustomerFormat named = null;
            String pathText = spec;
            int colon = spec.indexOf(':');
            if (colon > 0 && CustomerFormat.byName(spec.substring(0, colon)) != null) {
                named = CustomerFormat.byName(spec.substring(0, colon));
                pathText = spec.substring(colon + 1);
            }
            Path path = Path.of(pathText);
            if (Files.isDirectory(path)) {
                List<Path> found;
                try (Stream<Path> walk = Files.walk(path)) {
                    found = walk.filter(Files::isRegularFile).sorted().toList();
                } catch (IOException | java.io.UncheckedIOException e) {
                    throw new LoadException(pathText + ": the folder could not be read: " + e.getMessage());
                }
                for (Path p : found) {
                    FileRead f = readFile(p, p.toString(), named, r, false);
                    if (f == null) ignored.add(p.toString());
                    else read.add(f);
                }
            } else if (Files.isRegularFile(path)) {
                read.add(readFile(path, pathText, named, r, true));
            } else {
                throw new LoadException(pathText + ": no such file or folder");
            }
        }
        r.radius.finish();
        PrefixTable prefixes = r.prefixes.build();
        LeaseIndex leases = r.leases.build(r.customers, r.problems);
        return new CustomerData(r, prefixes, leases, read, ignored);
    }

    /** One file; null if it is in no known format and was found in a folder (named on the command line: an error). */
    private static FileRead readFile(Path p, String shown, CustomerFormat named, Reading r, boolean mustRead) throws LoadException {
        long before = r.problems.rejected();
        try (InputStream raw = Files.newInputStream(p)) {
            Decompression.Opened opened = Decompression.open(raw);
            if (opened.container() != Decompression.Container.NONE) {
                throw new LoadException(shown + ": an archive; unpack the customer data first");
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(opened.stream(), StandardCharsets.UTF_8), 1 << 16);
            CustomerFormat format = named != null ? named : sniff(in);
            if (format == null && nothingIn(p)) {
                // A lease file of a server just started, or rotated a moment ago: nothing to read, not a wrong file.
                return new FileRead(shown, "empty", 0);
            }
            if (format == null) {
                if (mustRead) throw new LoadException(shown + ": not customer data in a known format (static prefixes, dhcpd.leases, kea-leases4.csv, RADIUS detail, plain CSV); name one as FORMAT:" + shown);
                return null;
            }
            switch (format) {
                case STATIC -> StaticPrefixReader.read(in, shown, r);
                case DHCPD -> DhcpdLeasesReader.read(in, shown, r);
                case KEA -> KeaLeasesReader.read(in, shown, r);
                case RADIUS -> RadiusDetailReader.read(in, shown, r);
                case PLAIN -> PlainLeasesReader.read(in, shown, r);
            }
            return new FileRead(shown, format.formatName(), r.problems.rejected() - before);
        } catch (IOException e) {
            throw new LoadException(shown + ": could not be read: " + IoErrors.describe(e));
        }
    }

    /** Whether the file holds only blank lines and comments (read again: rare, and only for a file of no known format). */
    private static boolean nothingIn(Path p) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Decompression.open(Files.newInputStream(p)).stream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                String s = line.strip();
                if (!s.isEmpty() && !s.startsWith("#")) return false;
            }
            return true;
        }
    }

    /** The format of what {@code in} holds, from its first lines; {@code in} is reset to its start. */
    private static CustomerFormat sniff(BufferedReader in) throws IOException {
        // 200 lines of comments at most are passed over, well inside the mark.
        in.mark(1 << 20);
        String first = null, statement = null;
        boolean dhcpdHeader = false;
        int read = 0;
        for (String line; read < 200 && (line = in.readLine()) != null; read++) {
            if (first == null) first = line;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                dhcpdHeader |= s.contains("dhcpd.leases(5)");
                continue;
            }
            statement = line;
            break;
        }
        in.reset();
        return dhcpdHeader ? CustomerFormat.DHCPD : CustomerFormat.detect(first, statement);
    }

    public Customers customers() { return customers; }

    public PrefixTable prefixes() { return prefixes; }

    public LeaseIndex leases() { return leases; }

    public ReadProblems problems() { return problems; }

    public List<FileRead> files() { return files; }

    public List<String> ignored() { return Collections.unmodifiableList(ignored); }

    /** Lease blocks, rows and sessions that named no client (abandoned, backup, declined; no customer field). */
    public long withoutClient() { return withoutClient; }

    /** dhcpd declarations that are not leases, passed over. */
    public long declarations() { return declarations; }
}
