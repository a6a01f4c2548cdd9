import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The benchmark's data, written from a seed: the same bytes for the same arguments on any machine.
 *
 * <pre>
 * java bench/GenerateLogs.java logs    --seed N --bytes B --out DIR
 * java bench/GenerateLogs.java million --seed N --sources S --out DIR
 * java bench/GenerateLogs.java dense   --seed N --share P --sources S --bytes B --name NAME --out DIR
 * </pre>
 *
 * {@code logs} writes one web server's traffic of summer 2001 three ways, request for request: {@code apache.log}
 * (Apache combined, local time -0400), {@code nginx.log} (nginx combined: {@code 0} for an empty body where Apache
 * writes {@code -}) and {@code w3c.log} (IIS 5 W3C extended, UTC, a header block at each UTC day as IIS writes at
 * each daily file). It stops once {@code apache.log} holds B bytes. The mix: ordinary visits (a page, its images
 * and style sheets, often answered 304) and crawlers, then a few percent Code Red I (days 1-19 of each month from
 * 13 July, the surge of 19 July, a trickle of wrong clocks on other days), Code Red II (4 August to 30 September,
 * sources clustered around the server's /8 and /16), Nimda's 16-request bursts (from 18 September), other
 * .ida/.idq probes, and junk (binary bytes, cut lines, stray text, blank lines). {@code apache.splits} holds the
 * byte offsets that cut {@code apache.log} into four parts at line starts; {@code truth.properties} what a
 * perfect analysis counts.
 *
 * {@code million} writes {@code million.log} (Apache combined): S distinct Code Red sources, each 1 to 10
 * attempts, in the first 19 days of August 2001, among ordinary traffic (a quarter of the lines), and
 * {@code million.truth.properties}.
 *
 * {@code dense} writes {@code NAME.log} (Apache combined, about B bytes) in which Code Red is P percent of the
 * lines, from exactly S distinct sources: the log of a server the worm crowded (P 2: a small site in August 2001;
 * 25: a web farm; 60: a honeypot, where Nimda and scans fill most of the rest). Code Red I in its propagation days
 * (1-19) from July to November, Code Red II within two days of each source's infection (4 August to 30
 * September), and off-schedule sources (wrong clocks: Code Red I dated days 20-31, Code Red II dated October or
 * November) with more attempts each, so their evidence samples fill, and a few that probe into the first hour of
 * the 20th; Nimda's 16-request bursts from 18 September,
 * .ida/.idq and other scans, ordinary visits. {@code NAME.truth.properties} holds the totals and
 * {@code NAME.truth.csv} every source's attempts ({@code source_ip,code_red_attempts,code_red_ii_attempts,
 * off_schedule_attempts}), as wormsign's {@code hosts.csv} must count them.
 *
 * The worms' requests are written from DOMAIN.md, not from wormsign's code: the data checks the analyzer.
 */
public final class GenerateLogs {
    // ---- the worms' requests (DOMAIN.md "The requests") ----
    static final String TAIL = "%u9090%u6858%ucbd3%u7801%u9090%u6858%ucbd3%u7801%u9090%u6858%ucbd3%u7801"
            + "%u9090%u9090%u8190%u00c3%u0003%u8b00%u531b%u53ff%u0078%u0000%u00=a";
    static final byte[] CR1_QUERY = bytes("N".repeat(224) + TAIL);
    static final byte[] CR2_QUERY = bytes("X".repeat(224) + TAIL);
    static final byte[] DEFAULT_IDA = bytes("/default.ida");
    static final String CMD = "/winnt/system32/cmd.exe";
    /** Nimda's 16 probes as Apache and nginx log them (raw); IIS logs them decoded once. */
    static final String[] NIMDA = {
        "/scripts/root.exe", "/MSADC/root.exe", "/c" + CMD, "/d" + CMD, "/scripts/..%255c.." + CMD,
        "/_vti_bin/..%255c../..%255c../..%255c.." + CMD, "/_mem_bin/..%255c../..%255c../..%255c.." + CMD,
        "/msadc/..%255c../..%255c../..%255c/..%c1%1c../..%c1%1c../..%c1%1c.." + CMD,
        "/scripts/..%c1%1c.." + CMD, "/scripts/..%c0%2f.." + CMD, "/scripts/..%c0%af.." + CMD, "/scripts/..%c1%9c.." + CMD,
        "/scripts/..%%35%63.." + CMD, "/scripts/..%%35c.." + CMD, "/scripts/..%25%35%63.." + CMD, "/scripts/..%252f.." + CMD};
    static final byte[][] NIMDA_RAW = new byte[NIMDA.length][], NIMDA_IIS = new byte[NIMDA.length][];
    static final byte[] NIMDA_QUERY = bytes("/c+dir");
    /** Index Server probes and look-alikes that are not Code Red: path, query (null: none). */
    static final String[][] OTHER_IDA = {{"/null.ida", null}, {"/default.ida", null}, {"/x.idq", null},
        {"/default.ida", "XXXXXXXXXXXXXXXXXXXX"}, {"/scripts/samples/search/query.idq", "CiTemplate=../../../../boot.ini"},
        {"/NULL.IDA", "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC=X"}};

    // ---- ordinary traffic of 2001 ----
    static final String SITE = "http://www.example.com";
    static final String[] PEOPLE = {
        "Mozilla/4.0 (compatible; MSIE 5.5; Windows 98)", "Mozilla/4.0 (compatible; MSIE 5.01; Windows NT 5.0)",
        "Mozilla/4.0 (compatible; MSIE 5.5; Windows NT 5.0)", "Mozilla/4.0 (compatible; MSIE 5.0; Windows 98; DigExt)",
        "Mozilla/4.0 (compatible; MSIE 5.5; Windows NT 4.0)", "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1)",
        "Mozilla/4.77 [en] (Windows NT 5.0; U)", "Mozilla/4.76 [en] (X11; U; Linux 2.4.2 i686)",
        "Mozilla/5.0 (Windows; U; Windows NT 5.0; en-US; rv:0.9.2) Gecko/20010726 Netscape6/6.1",
        "Mozilla/4.0 (compatible; MSIE 5.0; Mac_PowerPC)", "Opera/5.12 (Windows 98; U)  [en]", "Lynx/2.8.4rel.1 libwww-FM/2.14",
        "Mozilla/5.0 (X11; U; Linux i686; en-US; rv:0.9.3) Gecko/20010801", "Wget/1.7"};
    static final int[] PEOPLE_WEIGHT = {30, 20, 14, 8, 5, 6, 7, 4, 3, 3, 2, 1, 2, 1};
    static final String[] CRAWLERS = {"Googlebot/2.1 (+http://www.googlebot.com/bot.html)",
        "Mozilla/3.0 (Slurp/si; slurp@inktomi.com; http://www.inktomi.com/slurp.html)", "ia_archiver", "Scooter/3.2",
        "FAST-WebCrawler/3.3 (crawler@fast.no; http://fast.no/support.php?c=faqs/crawler)"};
    static final int[] CRAWLER_NETS = {216 << 24 | 239 << 16 | 46 << 8, 209 << 24 | 185 << 16 | 108 << 8,
        209 << 24 | 237 << 16 | 238 << 8, 216 << 24 | 35 << 16 | 116 << 8, 66 << 24 | 77 << 16 | 73 << 8};
    static final String[] TERMS = {"widgets", "faq", "download", "mirror", "install+guide", "contact", "news", "support",
        "code+red+patch", "iis+5.0", "linux+howto", "cheap+widgets", "gear+ratio", "manual+pdf"};
    static final String[] SEARCHES = {"http://www.google.com/search?q=%s&hl=en", "http://search.yahoo.com/bin/search?p=%s",
        "http://www.altavista.com/cgi-bin/query?q=%s&kl=XX", "http://search.msn.com/results.asp?q=%s", "http://www.lycos.com/srch/?query=%s"};
    static final String[] OTHER_SITES = {"http://www.dmoz.org/Computers/Software/", "http://slashdot.org/", "http://www.example.org/links.html",
        "http://groups.google.com/groups?q=widgets", "http://www.freshmeat.net/projects/widget/"};
    static final String[] SECTIONS = {"news", "products", "support", "docs", "download", "about", "archive", "people"};
    static final String[] JUNK_TEXT = {"GET / HTTP/1.0", "Connection closed by foreign host.",
        "[Thu Jul 19 10:22:03 2001] [error] [client 10.1.1.1] File does not exist: /var/www/html/default.ida", "-"};

    static final int SERVER = 66 << 24 | 35 << 16 | 250 << 8 | 150;   // the logging server (W3C s-ip)
    static final long JUL_1 = 993945600L;                            // 2001-07-01T00:00:00Z
    static final long SPAN = 92 * 86400L;                            // to the end of September
    static final long EST_FROM = 1004248800L;                        // 2001-10-28T06:00:00Z: EDT ends
    /** Mean bytes apache.log grows by per event, measured from this generator (sets the event rate). */
    static final double BYTES_PER_EVENT = 1_312;
    /** Mean bytes of an apache.log line, measured likewise. */
    static final double BYTES_PER_LINE = 190;

    public static void main(String[] args) throws Exception {
        if (args.length == 0) usage();
        long seed = 1, bytes = 0, sources = 1_000_000;
        int share = 0;
        String name = null;
        Path out = null;
        for (int i = 1; i < args.length; i += 2) {
            if (i + 1 >= args.length) usage();
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--bytes" -> bytes = Long.parseLong(args[i + 1]);
                case "--sources" -> sources = Long.parseLong(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                case "--share" -> share = Integer.parseInt(args[i + 1]);
                case "--name" -> name = args[i + 1];
                default -> usage();
            }
        }
        if (out == null) usage();
        Files.createDirectories(out);
        for (int i = 0; i < NIMDA.length; i++) {
            NIMDA_RAW[i] = bytes(NIMDA[i]);
            NIMDA_IIS[i] = decodeOnce(NIMDA_RAW[i]);
        }
        long started = System.nanoTime();
        switch (args[0]) {
            case "logs" -> {
                if (bytes <= 0) usage();
                new Logs(seed, bytes, out).run();
            }
            case "million" -> {
                if (sources <= 0 || sources > (1 << 22)) usage();
                new Million(seed, (int) sources, out).run();
            }
            case "dense" -> {
                if (bytes <= 0 || share <= 0 || share >= 100 || sources <= 0 || sources > (1 << 24) || name == null) usage();
                new Dense(seed, share, (int) sources, bytes, name, out).run();
            }
            default -> usage();
        }
        System.err.printf(Locale.ROOT, "GenerateLogs %s: %.1f s%n", args[0], (System.nanoTime() - started) / 1e9);
    }

    static void usage() {
        System.err.println("usage: java GenerateLogs.java logs --seed N --bytes B --out DIR\n"
                + "       java GenerateLogs.java million --seed N --sources S --out DIR\n"
                + "       java GenerateLogs.java dense --seed N --share PERCENT --sources S --bytes B --name NAME --out DIR");
        System.exit(2);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** %XX decoded once, as IIS logs a request path; anything else kept. */
    static byte[] decodeOnce(byte[] b) {
        byte[] o = new byte[b.length];
        int n = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '%' && i + 2 < b.length && hex(b[i + 1]) >= 0 && hex(b[i + 2]) >= 0) {
                o[n++] = (byte) (hex(b[i + 1]) << 4 | hex(b[i + 2]));
                i += 2;
            } else {
                o[n++] = b[i];
            }
        }
        return Arrays.copyOf(o, n);
    }

    static int hex(byte c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    /** A public unicast IPv4 address: not 0/8, 10/8, 127/8, 172.16/12, 192.168/16, 169.254/16, multicast or above. */
    static boolean publicAddress(int a) {
        int o1 = a >>> 24, o2 = a >>> 16 & 0xff;
        if (o1 == 0 || o1 == 10 || o1 == 127 || o1 >= 224) return false;
        if (o1 == 172 && o2 >= 16 && o2 < 32) return false;
        if (o1 == 192 && o2 == 168) return false;
        if (o1 == 169 && o2 == 254) return false;
        return (a & 0xff) != 0 && (a & 0xff) != 255;
    }

    /** Where clients of 2001 came from, roughly: US cable/DSL and university nets, Europe, Korea, China, Taiwan. */
    static final int[] CLIENT_FIRST_OCTETS = {24, 24, 64, 65, 66, 66, 128, 129, 130, 131, 141, 151, 152, 193, 194, 195, 200,
        202, 203, 204, 205, 206, 207, 208, 209, 210, 211, 212, 213, 216, 217, 61, 62, 63, 12, 4, 18, 38};

    static int clientAddress(SplittableRandom r) {
        while (true) {
            int a = CLIENT_FIRST_OCTETS[r.nextInt(CLIENT_FIRST_OCTETS.length)] << 24 | r.nextInt(1 << 24);
            if (publicAddress(a)) return a;
        }
    }

    /** A set of ints, open addressing (0 is never stored: not a public address). */
    static final class IntSet {
        int[] slots = new int[1 << 16];
        int size;

        boolean add(int v) {
            if (size * 2 >= slots.length) grow();
            int mask = slots.length - 1;
            for (int i = mix(v) & mask; ; i = i + 1 & mask) {
                if (slots[i] == v) return false;
                if (slots[i] == 0) {
                    slots[i] = v;
                    size++;
                    return true;
                }
            }
        }

        private void grow() {
            int[] old = slots;
            slots = new int[old.length * 2];
            size = 0;
            for (int v : old) if (v != 0) add(v);
        }

        static int mix(int v) {
            v *= 0x9E3779B1;
            return v ^ v >>> 15;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    /** A byte sink handed to a writer thread in 8 MiB blocks, so generating and writing overlap. */
    static final class Sink implements AutoCloseable {
        static final int BLOCK = 8 << 20;
        static final byte[] END = new byte[0];
        final BlockingQueue<byte[]> full = new ArrayBlockingQueue<>(4);
        final Thread writer;
        volatile IOException failure;
        byte[] buf = new byte[BLOCK + 65536];
        int n;
        long written;
        /** Seconds whose date text is cached. */
        long cachedSecond = Long.MIN_VALUE;
        final byte[] date = new byte[32];
        int dateLength;

        Sink(Path file) throws IOException {
            OutputStream os = new FileOutputStream(file.toFile());
            writer = new Thread(() -> {
                try (os) {
                    while (true) {
                        byte[] b = full.take();
                        if (b == END) break;
                        os.write(b, 0, lengthOf(b));
                    }
                } catch (IOException e) {
                    failure = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "writer-" + file.getFileName());
            writer.start();
        }

        // The block's length travels in its last 4 bytes.
        static int lengthOf(byte[] b) {
            int p = b.length - 4;
            return (b[p] & 0xff) << 24 | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | b[p + 3] & 0xff;
        }

        void endLine() throws IOException {
            buf[n++] = '\n';
            if (n >= BLOCK) flush();
        }

        void flush() throws IOException {
            if (n == 0) return;
            int p = buf.length - 4;
            buf[p] = (byte) (n >>> 24);
            buf[p + 1] = (byte) (n >>> 16);
            buf[p + 2] = (byte) (n >>> 8);
            buf[p + 3] = (byte) n;
            written += n;
            put(buf);
            buf = new byte[BLOCK + 65536];
            n = 0;
        }

        private void put(byte[] b) throws IOException {
            if (failure != null) throw failure;
            try {
                full.put(b);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }

        long position() { return written + n; }

        void b(byte[] s) {
            System.arraycopy(s, 0, buf, n, s.length);
            n += s.length;
        }

        void b(byte[] s, int len) {
            System.arraycopy(s, 0, buf, n, len);
            n += len;
        }

        void c(char ch) { buf[n++] = (byte) ch; }

        void s(String s) {
            for (int i = 0; i < s.length(); i++) buf[n++] = (byte) s.charAt(i);
        }

        void num(long v) {
            if (v == 0) {
                buf[n++] = '0';
                return;
            }
            int start = n;
            while (v > 0) {
                buf[n++] = (byte) ('0' + v % 10);
                v /= 10;
            }
            for (int i = start, j = n - 1; i < j; i++, j--) {
                byte t = buf[i];
                buf[i] = buf[j];
                buf[j] = t;
            }
        }

        void ip(int a) {
            num(a >>> 24);
            c('.');
            num(a >>> 16 & 0xff);
            c('.');
            num(a >>> 8 & 0xff);
            c('.');
            num(a & 0xff);
        }

        void two(int v) {
            buf[n++] = (byte) ('0' + v / 10);
            buf[n++] = (byte) ('0' + v % 10);
        }

        @Override public void close() throws IOException {
            flush();
            put(END);
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) throw failure;
        }
    }

    static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    /** Civil date of a day count since 1970-01-01 (H. Hinnant's algorithm): {year, month 1-12, day}. */
    static int[] civil(long days) {
        long z = days + 719468, era = Math.floorDiv(z, 146097), doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365, y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
        return new int[] {(int) (m <= 2 ? y + 1 : y), (int) m, (int) d};
    }

    /** {@code [dd/Mon/yyyy:HH:MM:SS -0400]} (US Eastern, as an Apache in New York logs it). */
    static void apacheTime(Sink o, long t) {
        if (t != o.cachedSecond) {
            int offset = t < EST_FROM ? -4 : -5;
            long local = t + offset * 3600L;
            int[] ymd = civil(Math.floorDiv(local, 86400));
            int sod = (int) Math.floorMod(local, 86400);
            int save = o.n;
            o.c('[');
            o.two(ymd[2]);
            o.c('/');
            o.s(MONTHS[ymd[1] - 1]);
            o.c('/');
            o.num(ymd[0]);
            o.c(':');
            o.two(sod / 3600);
            o.c(':');
            o.two(sod / 60 % 60);
            o.c(':');
            o.two(sod % 60);
            o.s(offset == -4 ? " -0400]" : " -0500]");
            o.dateLength = o.n - save;
            System.arraycopy(o.buf, save, o.date, 0, o.dateLength);
            o.n = save;
            o.cachedSecond = t;
        }
        o.b(o.date, o.dateLength);
    }

    /** {@code yyyy-mm-dd HH:MM:SS} in UTC. */
    static void w3cTime(Sink o, long t) {
        if (t != o.cachedSecond) {
            int[] ymd = civil(Math.floorDiv(t, 86400));
            int sod = (int) Math.floorMod(t, 86400);
            int save = o.n;
            o.num(ymd[0]);
            o.c('-');
            o.two(ymd[1]);
            o.c('-');
            o.two(ymd[2]);
            o.c(' ');
            o.two(sod / 3600);
            o.c(':');
            o.two(sod / 60 % 60);
            o.c(':');
            o.two(sod % 60);
            o.dateLength = o.n - save;
            System.arraycopy(o.buf, save, o.date, 0, o.dateLength);
            o.n = save;
            o.cachedSecond = t;
        }
        o.b(o.date, o.dateLength);
    }

    // ---------------------------------------------------------------------------------------------------------
    /** One request, as every form writes it. */
    static final class Req {
        long time;
        int client;
        byte[] method;
        byte[] path;
        byte[] iisPath;      // the path as IIS logs it (decoded once), usually == path
        byte[] query;        // null: none
        byte[] protocol;     // with its separator: " HTTP/1.1", or "  HTTP/1.0" for the worms
        int status, iisStatus;
        int size, nginxSize; // 0: empty body
        byte[] referer;      // null: "-"
        Agent agent;         // null: "-"
    }

    /** A User-Agent as Apache logs it and as IIS does (spaces as '+'). */
    record Agent(byte[] raw, byte[] iis) {
        static Agent of(String s) {
            return new Agent(bytes(s), bytes(s.replace(' ', '+')));
        }
    }

    static final byte[] GET = bytes("GET"), HEAD = bytes("HEAD"), POST = bytes("POST");
    static final byte[] HTTP11 = bytes(" HTTP/1.1"), HTTP10 = bytes(" HTTP/1.0"), WORM_PROTOCOL = bytes("  HTTP/1.0");
    static final byte[] DASHES = bytes(" - - "), DASH = bytes("-");
    static final byte[] W3C_FIELDS = bytes("#Fields: date time c-ip cs-username s-ip s-port cs-method cs-uri-stem cs-uri-query sc-status cs(User-Agent) cs(Referer)");

    /** Apache combined: {@code %h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i"}; nginx writes 0 for %b's '-'. */
    static void combined(Sink o, Req q, boolean nginx) throws IOException {
        combinedText(o, q, nginx);
        o.endLine();
    }

    static void combinedText(Sink o, Req q, boolean nginx) {
        o.ip(q.client);
        o.b(DASHES);
        apacheTime(o, q.time);
        o.c(' ');
        o.c('"');
        o.b(q.method);
        o.c(' ');
        o.b(q.path);
        if (q.query != null) {
            o.c('?');
            o.b(q.query);
        }
        o.b(q.protocol);
        o.c('"');
        o.c(' ');
        o.num(q.status);
        o.c(' ');
        int size = nginx ? q.nginxSize : q.size;
        if (size == 0 && !nginx) o.c('-');
        else o.num(size);
        o.c(' ');
        o.c('"');
        if (q.referer == null) o.c('-');
        else o.b(q.referer);
        o.c('"');
        o.c(' ');
        o.c('"');
        if (q.agent == null) o.c('-');
        else o.b(q.agent.raw());
        o.c('"');
    }

    /** IIS 5 W3C extended, the fields of the real 2001 log in corpus/real. */
    static void w3c(Sink o, Req q) throws IOException {
        w3cTime(o, q.time);
        o.c(' ');
        o.ip(q.client);
        o.s(" - ");
        o.ip(SERVER);
        o.s(" 80 ");
        o.b(q.method);
        o.c(' ');
        o.b(q.iisPath);
        o.c(' ');
        if (q.query == null) o.c('-');
        else o.b(q.query);
        o.c(' ');
        o.num(q.iisStatus);
        o.c(' ');
        if (q.agent == null) o.c('-');
        else o.b(q.agent.iis());
        o.c(' ');
        if (q.referer == null) o.c('-');
        else o.b(q.referer);
        o.endLine();
    }

    /** Ordinary traffic: a site of pages, each with its images and style sheets. */
    static final class Site {
        final byte[][] pages;
        final int[][] pageResources;
        final int[] pageSize;
        final byte[][] pageUrl;
        final byte[][] resources;
        final int[] resourceSize;
        final byte[][] missing = {bytes("/favicon.ico"), bytes("/images/old_banner.gif"), bytes("/index.php"), bytes("/sitemap.html"),
            bytes("/_vti_inf.html"), bytes("/cgi-bin/formmail.pl")};
        final byte[][] searchReferers;
        final byte[][] otherReferers;
        final Agent[] people = new Agent[PEOPLE.length];
        final Agent[] crawlers = new Agent[CRAWLERS.length];
        final int peopleTotal;
        final int[] regulars = new int[5_000];
        final byte[] robots = bytes("/robots.txt");
        final byte[][] searchQueries;

        Site(SplittableRandom r) {
            int np = 400, nr = 160;
            pages = new byte[np][];
            pageSize = new int[np];
            pageUrl = new byte[np][];
            pageResources = new int[np][];
            pages[0] = bytes("/");
            pages[1] = bytes("/index.html");
            for (int i = 2; i < np; i++) {
                String sec = SECTIONS[r.nextInt(SECTIONS.length)];
                String p = switch (sec) {
                    case "news" -> String.format(Locale.ROOT, "/news/2001/%02d/story%d.html", 1 + r.nextInt(9), 100 + r.nextInt(900));
                    case "products" -> "/products/" + (r.nextBoolean() ? "widget-" + r.nextInt(300) + ".html" : "catalog/page" + r.nextInt(40) + ".html");
                    case "docs" -> String.format(Locale.ROOT, "/docs/manual/ch%02d.html", r.nextInt(30));
                    case "people" -> "/~" + new String[] {"jsmith", "akim", "pwong", "mgarcia", "tlee"}[r.nextInt(5)] + "/" + (r.nextBoolean() ? "" : "papers.html");
                    case "download" -> "/download/" + (r.nextBoolean() ? "mirrors.html" : "widget-1." + r.nextInt(10) + ".tar.gz");
                    default -> "/" + sec + "/" + new String[] {"index.html", "faq.html", "contact.html", "team.html", "history.html"}[r.nextInt(5)];
                };
                pages[i] = bytes(p);
            }
            for (int i = 0; i < np; i++) {
                pageSize[i] = 1_500 + r.nextInt(30_000);
                pageUrl[i] = bytes(SITE + new String(pages[i], StandardCharsets.ISO_8859_1));
            }
            resources = new byte[nr][];
            resourceSize = new int[nr];
            String[] fixed = {"/images/logo.gif", "/images/spacer.gif", "/css/site.css", "/js/menu.js", "/images/nav_home.gif",
                "/images/nav_products.gif", "/images/nav_support.gif", "/images/bg.gif"};
            for (int i = 0; i < nr; i++) {
                resources[i] = bytes(i < fixed.length ? fixed[i]
                        : r.nextBoolean() ? String.format(Locale.ROOT, "/images/photos/img_%04d.jpg", r.nextInt(5000))
                        : "/images/" + new String[] {"icon", "button", "arrow", "thumb", "banner"}[r.nextInt(5)] + "_" + r.nextInt(100) + ".gif");
                resourceSize[i] = i < 2 ? 43 + r.nextInt(2000) : 200 + r.nextInt(40_000);
            }
            for (int i = 0; i < np; i++) {
                int k = 3 + r.nextInt(6);
                pageResources[i] = new int[k];
                for (int j = 0; j < k; j++) pageResources[i][j] = j < 4 ? j : r.nextInt(nr);
            }
            searchReferers = new byte[SEARCHES.length * TERMS.length][];
            for (int i = 0; i < searchReferers.length; i++) {
                searchReferers[i] = bytes(String.format(Locale.ROOT, SEARCHES[i % SEARCHES.length], TERMS[i / SEARCHES.length]));
            }
            otherReferers = new byte[OTHER_SITES.length][];
            for (int i = 0; i < OTHER_SITES.length; i++) otherReferers[i] = bytes(OTHER_SITES[i]);
            int total = 0;
            for (int i = 0; i < PEOPLE.length; i++) {
                people[i] = Agent.of(PEOPLE[i]);
                total += PEOPLE_WEIGHT[i];
            }
            peopleTotal = total;
            for (int i = 0; i < CRAWLERS.length; i++) crawlers[i] = Agent.of(CRAWLERS[i]);
            for (int i = 0; i < regulars.length; i++) regulars[i] = clientAddress(r);
            searchQueries = new byte[TERMS.length * 4][];
            for (int i = 0; i < searchQueries.length; i++) searchQueries[i] = bytes("q=" + TERMS[i % TERMS.length] + "&page=" + (i / TERMS.length + 1));
        }

        Agent person(SplittableRandom r) {
            int u = r.nextInt(peopleTotal);
            for (int i = 0; ; i++) {
                u -= PEOPLE_WEIGHT[i];
                if (u < 0) return people[i];
            }
        }
    }

    /** Emits one request in every form the run writes. */
    interface Emit {
        void emit(Req q) throws IOException;
    }

    /** A visit by a person (a page, its resources, sometimes a second page) or a crawler's single request. */
    static int visit(Site site, long t, SplittableRandom r, Req q, Emit emit) throws IOException {
        int lines = 0;
        if (r.nextInt(10) == 0) {
            int c = r.nextInt(site.crawlers.length);
            q.time = t;
            q.client = CRAWLER_NETS[c] | 1 + r.nextInt(254);
            q.agent = site.crawlers[c];
            q.referer = null;
            q.protocol = HTTP10;
            q.method = r.nextInt(30) == 0 ? HEAD : GET;
            q.query = null;
            if (r.nextInt(5) == 0) {
                q.path = site.robots;
                q.status = 200;
                q.size = 68;
            } else {
                int p = r.nextInt(site.pages.length);
                q.path = site.pages[p];
                q.status = r.nextInt(12) == 0 ? 304 : 200;
                q.size = q.status == 304 || q.method == HEAD ? 0 : site.pageSize[p];
            }
            finish(q);
            emit.emit(q);
            return 1;
        }
        q.client = r.nextInt(10) < 6 ? site.regulars[r.nextInt(site.regulars.length)] : clientAddress(r);
        q.agent = site.person(r);
        q.protocol = r.nextInt(5) == 0 ? HTTP10 : HTTP11;
        int u = r.nextInt(100);
        byte[] referer = u < 50 ? null : u < 85 ? site.searchReferers[r.nextInt(site.searchReferers.length)] : site.otherReferers[r.nextInt(site.otherReferers.length)];
        int pagesSeen = r.nextInt(10) < 4 ? 1 + r.nextInt(4) : 1;
        for (int v = 0; v < pagesSeen; v++) {
            int p = v == 0 && r.nextInt(3) == 0 ? r.nextInt(2) : r.nextInt(site.pages.length);
            q.time = t;
            q.method = GET;
            q.referer = referer;
            int kind = r.nextInt(200);
            if (kind < 3) { // a search
                q.path = bytes("/cgi-bin/search.pl");
                q.query = site.searchQueries[r.nextInt(site.searchQueries.length)];
                q.status = 200;
                q.size = 3_000 + r.nextInt(9_000);
            } else if (kind < 4) { // a form
                q.method = POST;
                q.path = bytes("/cgi-bin/feedback.pl");
                q.query = null;
                q.status = r.nextInt(20) == 0 ? 500 : 302;
                q.size = q.status == 500 ? 611 : 0;
            } else if (kind < 8) { // not there
                q.path = site.missing[r.nextInt(site.missing.length)];
                q.query = null;
                q.status = 404;
                q.size = 290;
            } else {
                q.path = site.pages[p];
                q.query = r.nextInt(40) == 0 ? site.searchQueries[r.nextInt(site.searchQueries.length)] : null;
                q.status = r.nextInt(30) == 0 ? 304 : 200;
                q.size = q.status == 304 ? 0 : site.pageSize[p];
            }
            finish(q);
            emit.emit(q);
            lines++;
            byte[] here = site.pageUrl[p];
            long rt = t;
            for (int res : site.pageResources[p]) {
                if (r.nextInt(8) == 0) continue; // cached without asking
                rt += r.nextInt(3) == 0 ? 1 : 0;
                q.time = rt;
                q.method = GET;
                q.path = site.resources[res];
                q.query = null;
                q.referer = here;
                q.status = r.nextInt(4) == 0 ? 304 : 200;
                q.size = q.status == 304 ? 0 : site.resourceSize[res];
                finish(q);
                emit.emit(q);
                lines++;
            }
            referer = here;
            t = rt + 5 + r.nextInt(120);
        }
        return lines;
    }

    /** The IIS path and status, and nginx's body size, of an ordinary request. */
    static void finish(Req q) {
        q.iisPath = q.path;
        q.iisStatus = q.status;
        q.nginxSize = q.size;
    }

    static void worm(Req q, long t, int client, boolean two) {
        q.time = t;
        q.client = client;
        q.method = GET;
        q.path = DEFAULT_IDA;
        q.iisPath = DEFAULT_IDA;
        q.query = two ? CR2_QUERY : CR1_QUERY;
        q.protocol = WORM_PROTOCOL;
        // DOMAIN.md "How each server logs them": Apache and nginx answer Code Red I 400 (the folded Host header),
        // Code Red II 404; an IIS without .ida mapped answers 404.
        q.status = two ? 404 : 400;
        q.size = two ? 287 : 331;
        q.nginxSize = two ? 169 : 173;
        q.iisStatus = 404;
        q.referer = null;
        q.agent = null;
    }

    // ---------------------------------------------------------------------------------------------------------
    /** Pools of worm sources, distinct addresses; drawn skewed so a few sources send many attempts. */
    static final class Pool {
        final int[] address;
        final boolean[] used;
        int distinct;

        final boolean skewed;

        Pool(int size, IntSet taken, SplittableRandom r, boolean local, boolean skewed) {
            this.skewed = skewed;
            address = new int[size];
            used = new boolean[size];
            for (int i = 0; i < size; i++) {
                int a;
                do {
                    int u = r.nextInt(8);
                    // Code Red II: 3/8 of its targets in its own /16, 1/2 in its own /8 (DOMAIN.md), so the sources
                    // a server sees cluster around it.
                    a = !local ? clientAddress(r)
                            : u < 3 ? SERVER & 0xffff0000 | r.nextInt(1 << 16)
                            : u < 7 ? SERVER & 0xff000000 | r.nextInt(1 << 24)
                            : clientAddress(r);
                } while (!publicAddress(a) || a == SERVER || !taken.add(a));
                address[i] = a;
            }
        }

        int draw(SplittableRandom r) {
            double u = r.nextDouble();
            int i = (int) ((skewed ? u * u : u) * address.length);
            if (!used[i]) {
                used[i] = true;
                distinct++;
            }
            return address[i];
        }
    }

    /** Code Red I's weight on a UTC day: the 19 July surge, days 1-19 of later months, a trickle of wrong clocks. */
    static double codeRedWeight(long t) {
        long day = Math.floorDiv(t, 86400);
        int[] ymd = civil(day);
        int dom = ymd[2];
        boolean active = dom <= 19;
        if (ymd[1] == 7) {
            if (dom < 13) return 0;
            if (dom < 19) return 0.3;
            if (dom == 19) return Math.floorMod(t, 86400) >= 10 * 3600 ? 4 : 0.5; // v2 from about 10:00 UTC
            return 0.02;
        }
        if (!active) return 0.02;
        return ymd[1] == 8 ? 2.2 : ymd[1] == 9 ? 1.8 : 0.6;
    }

    /** Code Red II's: from 4 August, falling off, none from 1 October. */
    static double codeRedIIWeight(long t) {
        long start = JUL_1 + 34 * 86400L, end = JUL_1 + 92 * 86400L;
        if (t < start || t >= end) return 0;
        double days = (t - start) / 86400.0;
        return 1.6 * Math.exp(-days / 40);
    }

    static final long NIMDA_FROM = JUL_1 + 79 * 86400L + 13 * 3600L; // 2001-09-18T13:00Z
    /** Events per million, set so the shares of lines come out as the class comment says. */
    static final double CODE_RED_PER_WEIGHT = 149_000, CODE_RED_II_PER_WEIGHT = 190_000;
    static final int NIMDA_BURSTS = 25_300, OTHER_IDA_EVENTS = 8_200, JUNK_EVENTS = 16_400;

    // ---------------------------------------------------------------------------------------------------------
    static final class Logs {
        final long seed, target;
        final Path out;
        long lastTime, eventCount, lines, w3cLines, junk, blank, codeRed, codeRedII, nimda, otherIda, offSchedule, w3cDirectives, defaultIdaLines;

        Logs(long seed, long target, Path out) {
            this.seed = seed;
            this.target = target;
            this.out = out;
        }

        void run() throws IOException {
            SplittableRandom r = new SplittableRandom(seed);
            Site site = new Site(r.split());
            SplittableRandom wr = r.split();
            double events = target / BYTES_PER_EVENT;
            IntSet taken = new IntSet();
            // Sources. Code Red I probes random addresses, so a server rarely sees a host twice: a pool as large as
            // the attempts, drawn evenly. Code Red II and Nimda prefer their neighbours: smaller pools, drawn skewed.
            double expectedLines = target / BYTES_PER_LINE;
            Pool cr1 = new Pool((int) Math.max(100, expectedLines * 0.02), taken, wr, false, false);
            Pool cr2 = new Pool((int) Math.max(100, expectedLines * 0.015 / 3), taken, wr, true, true);
            Pool nimdaPool = new Pool((int) Math.max(100, expectedLines * 0.01 / 16 / 2), taken, wr, true, true);
            double meanGap = SPAN / events;
            long[] splits = new long[3];
            int nextSplit = 0;
            Req q = new Req();
            try (Sink apache = new Sink(out.resolve("apache.log.tmp")); Sink nginx = new Sink(out.resolve("nginx.log.tmp"));
                 Sink iis = new Sink(out.resolve("w3c.log.tmp"))) {
                Emit all = x -> {
                    combined(apache, x, false);
                    combined(nginx, x, true);
                    w3c(iis, x);
                    lines++;
                    w3cLines++;
                };
                double clock = JUL_1;
                long lastW3cDay = Long.MIN_VALUE;
                while (apache.position() < target) {
                    while (nextSplit < 3 && apache.position() >= target * (nextSplit + 1) / 4) splits[nextSplit++] = apache.position();
                    long t = (long) clock;
                    eventCount++;
                    lastTime = t;
                    long day = Math.floorDiv(t, 86400);
                    if (day != lastW3cDay) { // IIS starts each daily file with its header
                        w3cHeader(iis, t);
                        lastW3cDay = day;
                    }
                    // Traffic follows the day in New York: most at 15:00 local, least before dawn.
                    double hour = Math.floorMod(t - 4 * 3600, 86400) / 3600.0;
                    double diurnal = 1 + 0.6 * Math.cos(2 * Math.PI * (hour - 15) / 24);
                    clock += -Math.log(1 - r.nextDouble()) * meanGap / diurnal;
                    int u = r.nextInt(1_000_000);
                    double w1 = codeRedWeight(t), w2 = codeRedIIWeight(t);
                    // Per event (a visit makes about 8.5 lines): shares of lines come out near 2 % Code Red I,
                    // 1.5 % Code Red II, 1 % Nimda, 0.1 % other .ida, 0.2 % junk (per million events).
                    int p1 = (int) (w1 * CODE_RED_PER_WEIGHT), p2 = (int) (w2 * CODE_RED_II_PER_WEIGHT);
                    int pn = t >= NIMDA_FROM ? NIMDA_BURSTS : 0;
                    if (u < p1) {
                        worm(q, t, cr1.draw(r), false);
                        all.emit(q);
                        codeRed++;
                        defaultIdaLines++;
                        int dom = civil(day)[2];
                        if (dom >= 20) offSchedule++;
                    } else if (u < p1 + p2) {
                        worm(q, t, cr2.draw(r), true);
                        all.emit(q);
                        codeRedII++;
                        defaultIdaLines++;
                    } else if (u < p1 + p2 + pn) {
                        int source = nimdaPool.draw(r);
                        long s = t;
                        for (int k = 0; k < NIMDA.length; k++) {
                            q.time = s;
                            q.client = source;
                            q.method = GET;
                            q.path = NIMDA_RAW[k];
                            q.iisPath = NIMDA_IIS[k];
                            q.query = NIMDA_QUERY;
                            q.protocol = HTTP10;
                            q.status = 404;
                            q.iisStatus = 404;
                            q.size = 280 + NIMDA_RAW[k].length;
                            q.nginxSize = 169;
                            q.referer = null;
                            q.agent = null;
                            all.emit(q);
                            nimda++;
                            if (r.nextInt(3) == 0) s++;
                        }
                    } else if (u < p1 + p2 + pn + OTHER_IDA_EVENTS) {
                        String[] o = OTHER_IDA[r.nextInt(OTHER_IDA.length)];
                        q.time = t;
                        q.client = clientAddress(r);
                        q.method = GET;
                        q.path = bytes(o[0]);
                        q.iisPath = q.path;
                        q.query = o[1] == null ? null : bytes(o[1]);
                        q.protocol = HTTP10;
                        q.status = 404;
                        q.iisStatus = 404;
                        q.size = 290;
                        q.nginxSize = 169;
                        q.referer = null;
                        q.agent = null;
                        all.emit(q);
                        otherIda++;
                        if (o[0].equals("/default.ida")) defaultIdaLines++;
                    } else if (u < p1 + p2 + pn + OTHER_IDA_EVENTS + JUNK_EVENTS) {
                        junk(r, site, t, q, apache, nginx, iis);
                    } else {
                        visit(site, t, r, q, all);
                    }
                }
                apache.flush();
                while (nextSplit < 3) splits[nextSplit++] = apache.position();
            }
            Files.move(out.resolve("apache.log.tmp"), out.resolve("apache.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.move(out.resolve("nginx.log.tmp"), out.resolve("nginx.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.move(out.resolve("w3c.log.tmp"), out.resolve("w3c.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(out.resolve("apache.splits"), splits[0] + " " + splits[1] + " " + splits[2] + "\n");
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("truth.properties")))) {
                w.println("# What a perfect analysis of apache.log, nginx.log and w3c.log counts (GenerateLogs.java logs --seed " + seed + " --bytes " + target + ")");
                w.println("lines=" + lines);
                w.println("w3c_lines=" + (w3cLines + w3cDirectives));
                w.println("w3c_skipped=" + (w3cDirectives + blank));
                w.println("skipped=" + blank);
                w.println("rejected=" + (junk - blank));
                w.println("records=" + (lines - junk));
                w.println("code_red=" + codeRed);
                w.println("code_red_ii=" + codeRedII);
                w.println("code_red_sources=" + cr1.distinct);
                w.println("code_red_ii_sources=" + cr2.distinct);
                w.println("nimda=" + nimda);
                w.println("other_ida=" + otherIda);
                w.println("off_schedule=" + offSchedule);
                w.println("default_ida_lines=" + defaultIdaLines);
                w.println("events=" + eventCount);
                w.println("last_event_utc=" + java.time.Instant.ofEpochSecond(lastTime));
            }
        }

        void w3cHeader(Sink iis, long t) throws IOException {
            iis.s("#Software: Microsoft Internet Information Services 5.0");
            iis.endLine();
            iis.s("#Version: 1.0");
            iis.endLine();
            iis.s("#Date: ");
            iis.cachedSecond = Long.MIN_VALUE;
            w3cTime(iis, t);
            iis.cachedSecond = Long.MIN_VALUE;
            iis.endLine();
            iis.b(W3C_FIELDS);
            iis.endLine();
            w3cDirectives += 4;
        }

        /** A line no format reads (or a blank one): binary bytes, a cut line, stray text. */
        void junk(SplittableRandom r, Site site, long t, Req q, Sink apache, Sink nginx, Sink iis) throws IOException {
            int kind = r.nextInt(10);
            lines++;
            w3cLines++;
            junk++;
            if (kind < 3) { // binary: a NUL among random bytes, no line break
                int len = 8 + r.nextInt(120);
                byte[] b = new byte[len];
                for (int i = 0; i < len; i++) {
                    int v = r.nextInt(256);
                    b[i] = (byte) (v == '\n' || v == '\r' ? 0 : v);
                }
                b[r.nextInt(len)] = 0;
                b[0] = (byte) (0x80 | r.nextInt(128)); // never '#' (a W3C directive) nor blank
                for (Sink s : new Sink[] {apache, nginx, iis}) {
                    s.b(b);
                    s.endLine();
                }
            } else if (kind < 7) { // a line cut inside its request (a full disk, a killed server)
                SplittableRandom copy = r.split();
                visitOne(site, t, copy, q);
                cut(apache, q, false);
                cut(nginx, q, true);
                cutW3c(iis, q);
            } else if (kind < 9) {
                String text = JUNK_TEXT[r.nextInt(JUNK_TEXT.length)];
                if (text.contains("default.ida")) defaultIdaLines++;
                byte[] b = bytes(text);
                for (Sink s : new Sink[] {apache, nginx, iis}) {
                    s.b(b);
                    s.endLine();
                }
            } else { // blank: skipped, not rejected
                blank++;
                for (Sink s : new Sink[] {apache, nginx, iis}) s.endLine();
            }
        }

        /** Writes a combined line cut just after half its path (inside the request's quotes). */
        static void cut(Sink s, Req q, boolean nginx) throws IOException {
            int start = s.n;
            combinedText(s, q, nginx);
            int at = start;
            while (s.buf[at] != '"') at++;
            while (s.buf[at] != ' ') at++; // after the method
            s.n = at + 1 + q.path.length / 2;
            s.endLine();
        }

        /** A W3C line cut after its client address. */
        static void cutW3c(Sink s, Req q) throws IOException {
            w3cTime(s, q.time);
            s.c(' ');
            s.ip(q.client);
            s.s(" - ");
            s.ip(SERVER);
            s.endLine();
        }

        static void visitOne(Site site, long t, SplittableRandom r, Req q) {
            int p = r.nextInt(site.pages.length);
            q.time = t;
            q.client = clientAddress(r);
            q.agent = site.person(r);
            q.method = GET;
            q.path = site.pages[p];
            q.query = null;
            q.protocol = HTTP11;
            q.referer = null;
            q.status = 200;
            q.size = site.pageSize[p];
            finish(q);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    static final class Million {
        final long seed;
        final int sources;
        final Path out;

        Million(long seed, int sources, Path out) {
            this.seed = seed;
            this.sources = sources;
            this.out = out;
        }

        void run() throws IOException {
            SplittableRandom r = new SplittableRandom(seed ^ 0x6d696c6c696f6eL);
            Site site = new Site(r.split());
            IntSet taken = new IntSet();
            int[] address = new int[sources];
            for (int i = 0; i < sources; i++) {
                int a;
                do a = clientAddress(r); while (a == SERVER || !taken.add(a));
                address[i] = a;
            }
            // Attempts per source: mostly one or two, a few busy ones.
            long codeRed = 0, codeRedII = 0, crSources = 0, cr2Sources = 0;
            List<long[]> chunks = new ArrayList<>();
            long[] ev = new long[1 << 20];
            int n = 0;
            long window = 19 * 86400L; // 1-19 August: Code Red I propagates, Code Red II from the 4th
            long aug1 = JUL_1 + 31 * 86400L;
            for (int i = 0; i < sources; i++) {
                int u = r.nextInt(100);
                int attempts = u < 60 ? 1 : u < 85 ? 2 : u < 95 ? 3 : 4 + r.nextInt(7);
                boolean two = r.nextInt(10) < 3;
                long from = two ? 3 * 86400L : 0;
                if (two) { codeRedII += attempts; cr2Sources++; } else { codeRed += attempts; crSources++; }
                for (int k = 0; k < attempts; k++) {
                    long t = from + r.nextLong(window - from);
                    if (n == ev.length) { chunks.add(ev); ev = new long[1 << 20]; n = 0; }
                    ev[n++] = t << 32 | (two ? 1L << 31 : 0) | i;
                }
            }
            long wormEvents = codeRed + codeRedII;
            // Ordinary visits, about a quarter of the lines (a visit makes about 8.5 lines).
            long visits = (long) (wormEvents / 3.0 / 8.5);
            for (long v = 0; v < visits; v++) {
                long t = r.nextLong(window);
                if (n == ev.length) { chunks.add(ev); ev = new long[1 << 20]; n = 0; }
                ev[n++] = t << 32 | 0x7fffffffL;
            }
            chunks.add(Arrays.copyOf(ev, n));
            int total = 0;
            for (long[] c : chunks) total += c.length;
            long[] all = new long[total];
            int p = 0;
            for (long[] c : chunks) {
                System.arraycopy(c, 0, all, p, c.length);
                p += c.length;
            }
            Arrays.sort(all);
            Req q = new Req();
            long lines = 0;
            try (Sink o = new Sink(out.resolve("million.log.tmp"))) {
                for (long e : all) {
                    long t = aug1 + (e >>> 32);
                    int low = (int) (e & 0x7fffffffL);
                    if (low == 0x7fffffff) {
                        lines += visit(site, t, r, q, x -> combined(o, x, false));
                    } else {
                        worm(q, t, address[low], (e & 1L << 31) != 0);
                        combined(o, q, false);
                        lines++;
                    }
                }
            }
            Files.move(out.resolve("million.log.tmp"), out.resolve("million.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("million.truth.properties")))) {
                w.println("# What a perfect analysis of million.log counts (GenerateLogs.java million --seed " + seed + " --sources " + sources + ")");
                w.println("lines=" + lines);
                w.println("records=" + lines);
                w.println("rejected=0");
                w.println("code_red=" + codeRed);
                w.println("code_red_ii=" + codeRedII);
                w.println("code_red_sources=" + crSources);
                w.println("code_red_ii_sources=" + cr2Sources);
                w.println("sources=" + sources);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    /**
     * A log the worm crowded: Code Red at a given share of the lines from a given number of sources, for the speed
     * of the per-attempt path and of the outputs (issue 18). Every event is drawn first, then sorted by time and
     * written, as in {@link Million}.
     */
    static final class Dense {
        /** Mean bytes of a line of each kind, measured from this generator: they set how many lines make B bytes. */
        static final double CODE_RED_BYTES = 455, NIMDA_BYTES = 128, SCAN_BYTES = 110, VISIT_BYTES = 181;
        /** Mean lines of a {@link GenerateLogs#visit} (a crawler's request or a person's pages with their images). */
        static final double LINES_PER_VISIT = 8.8;
        static final long DAY = 86400L;
        static final long START = JUL_1 + 11 * DAY;   // 12 July 2001, the day before Code Red I's first probes
        static final long END = JUL_1 + 153 * DAY;    // 1 December 2001: the log ends with November
        static final long CODE_RED_II_FIRST = JUL_1 + 34 * DAY, CODE_RED_II_STOP = JUL_1 + 92 * DAY;
        /** July to November: first day (since 1 July), length, and the share of Code Red I sources active in it. */
        static final int[] MONTH_START = {0, 31, 62, 92, 123}, MONTH_DAYS = {31, 31, 30, 31, 30};
        static final int[] MONTH_WEIGHT = {25, 40, 20, 10, 5};
        /** Event kinds, in bits 28-31 of an event; below them the source's index. */
        static final int VISIT = 0, CODE_RED = 1, CODE_RED_II = 2, NIMDA_BURST = 3, SCAN = 4;
        /** Scanners' requests that are neither the worms' nor Index Server's (path, query or null; none is Nimda's). */
        static final String[][] SCANS = {{"/cgi-bin/phf", "Qalias=x%0a/bin/cat%20/etc/passwd"}, {"/cgi-bin/test-cgi", null},
            {"/cgi-bin/formmail.pl", "recipient=relay@example.net"}, {"/iisadmpwd/aexp4b.htr", null}, {"/msadc/msadcs.dll", null},
            {"/_vti_bin/shtml.exe/_vti_rpc", null}, {"/NULL.printer", null}, {"/scripts/nsiislog.dll", null},
            {"/MSOffice/cltreq.asp", "UL=1&ACT=4&BUILD=2614&STRMVER=4&CAPREQ=0"}, {"/sumthin", null}};

        final long seed, target;
        final int share, sources;
        final String name;
        final Path out;

        Dense(long seed, int share, int sources, long target, String name, Path out) {
            this.seed = seed;
            this.share = share;
            this.sources = sources;
            this.target = target;
            this.name = name;
            this.out = out;
        }

        static boolean offSchedule(boolean two, long t) {
            if (two) return t < CODE_RED_II_FIRST || t >= CODE_RED_II_STOP;
            return civil(Math.floorDiv(t, DAY))[2] >= 20;
        }

        void run() throws IOException {
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + share * 7_919L + sources);
            Site site = new Site(r.split());
            // Shares of the lines: Code Red p; Nimda and scans grow with it (a honeypot logs little else); visits the rest.
            double p = share / 100.0, pNimda = Math.min(0.25, p * 0.4), pScan = p / 6, pVisit = 1 - p - pNimda - pScan;
            if (pVisit < 0.01) {
                System.err.println("GenerateLogs dense: --share " + share + " leaves no room for visits (at most 70)");
                System.exit(2);
            }
            double meanBytes = p * CODE_RED_BYTES + pNimda * NIMDA_BYTES + pScan * SCAN_BYTES + pVisit * VISIT_BYTES;
            long expectedLines = (long) (target / meanBytes);
            long attempts = Math.round(p * expectedLines);
            if (attempts < sources) {
                System.err.printf(Locale.ROOT, "GenerateLogs dense: %d sources need at least %d attempts: at %d %% that is about %d bytes%n",
                        sources, sources, share, (long) (sources / p * meanBytes) + 1);
                System.exit(2);
            }
            long bursts = Math.round(pNimda * expectedLines / NIMDA.length);
            long scans = Math.round(pScan * expectedLines);
            long visits = Math.round(pVisit * expectedLines / LINES_PER_VISIT);
            long events = attempts + bursts + scans + visits;
            if (events > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("too many events: " + events);

            // The sources: distinct public addresses, a third Code Red II, 3 % with a wrong clock (off schedule).
            IntSet taken = new IntSet();
            int[] address = new int[sources];
            boolean[] two = new boolean[sources], wrongClock = new boolean[sources];
            int[] count = new int[sources];
            int offSources = 0;
            for (int i = 0; i < sources; i++) {
                int a;
                do a = clientAddress(r); while (a == SERVER || !taken.add(a));
                address[i] = a;
                two[i] = r.nextInt(100) < 35;
                wrongClock[i] = r.nextInt(100) < 3;
                if (wrongClock[i]) offSources++;
                count[i] = 1;
            }
            // A wrong clock's attempts are all unusual, so give those sources enough to fill their evidence samples
            // (32 unusual lines each) where the budget allows: at most a quarter of the attempts beyond one each.
            long extra = attempts - sources;
            int bonus = offSources == 0 ? 0 : (int) Math.min(39, extra / 4 / offSources);
            for (int i = 0; i < sources; i++) {
                if (wrongClock[i]) count[i] += bonus;
            }
            extra -= (long) bonus * offSources;
            // The rest skewed: a few busy hosts (the square of a uniform draw), most with one to a few attempts.
            for (long k = 0; k < extra; k++) {
                double u = r.nextDouble();
                count[(int) (u * u * sources)]++;
            }

            long[] ev = new long[(int) events];
            int n = 0;
            long codeRed = 0, codeRedII = 0, offSchedule = 0, crSources = 0, cr2Sources = 0;
            int[] off = new int[sources];
            for (int i = 0; i < sources; i++) {
                long from, to, wakesLate = -1;
                if (!two[i]) {
                    int m = month(r);
                    long ms = JUL_1 + MONTH_START[m] * DAY;
                    if (wrongClock[i]) { // dated in the flood or dormant days: up to two days of them, within the month
                        from = ms + (19 + r.nextInt(MONTH_DAYS[m] - 19)) * DAY + r.nextLong(DAY);
                        to = Math.min(from + 2 * DAY, ms + MONTH_DAYS[m] * DAY);
                    } else if (m == 0 && r.nextInt(10) < 6) { // the surge of 19 July, from about 10:00 UTC
                        from = ms + 18 * DAY + 10 * 3600;
                        to = ms + 19 * DAY;
                    } else { // up to three days of probing, within days 1-19 (13-19 in July)
                        int first = m == 0 ? 12 : 0;
                        from = ms + (first + r.nextInt(19 - first)) * DAY + r.nextLong(DAY);
                        to = Math.min(from + 3 * DAY, ms + 19 * DAY);
                        // One in ten still probing at the end of the 19th sends its last probe in the first hour of the
                        // 20th (a thread that slept past midnight UTC): off schedule, from a source that was not.
                        if (to == ms + 19 * DAY && r.nextInt(10) == 0) wakesLate = to + r.nextLong(3600);
                    }
                    crSources++;
                } else {
                    // Code Red II spreads for a day or two after its host is infected (fewer infections as September goes).
                    from = wrongClock[i] ? CODE_RED_II_STOP + r.nextLong(59 * DAY)
                            : CODE_RED_II_FIRST + (long) Math.min(-Math.log(1 - r.nextDouble()) * 40 * DAY, 55 * DAY);
                    to = Math.min(from + 2 * DAY, wrongClock[i] ? END : CODE_RED_II_STOP);
                    cr2Sources++;
                }
                for (int k = 0; k < count[i]; k++) {
                    long t = k == count[i] - 1 && wakesLate >= 0 ? wakesLate : from + r.nextLong(to - from);
                    if (offSchedule(two[i], t)) off[i]++;
                    ev[n++] = (t - JUL_1) << 32 | (long) (two[i] ? CODE_RED_II : CODE_RED) << 28 | i;
                }
                if (two[i]) codeRedII += count[i];
                else codeRed += count[i];
                offSchedule += off[i];
            }
            long nimdaFrom = NIMDA_FROM;
            for (long k = 0; k < bursts; k++) ev[n++] = (nimdaFrom + r.nextLong(END - 60 - nimdaFrom) - JUL_1) << 32 | (long) NIMDA_BURST << 28;
            for (long k = 0; k < scans; k++) ev[n++] = (START + r.nextLong(END - START) - JUL_1) << 32 | (long) SCAN << 28;
            for (long k = 0; k < visits; k++) ev[n++] = (START + r.nextLong(END - DAY - START) - JUL_1) << 32 | (long) VISIT << 28;
            Arrays.sort(ev);

            Pool nimdaPool = new Pool((int) Math.max(10, bursts / 3), taken, r.split(), true, true);
            Req q = new Req();
            long lines = 0, nimda = 0, otherIda = 0, defaultIdaLines = codeRed + codeRedII;
            try (Sink o = new Sink(out.resolve(name + ".log.tmp"))) {
                Emit emit = x -> combined(o, x, false);
                for (long e : ev) {
                    long t = JUL_1 + (e >>> 32);
                    int kind = (int) (e >>> 28 & 0xf), i = (int) (e & 0x0fffffff);
                    switch (kind) {
                        case VISIT -> lines += visit(site, t, r, q, emit);
                        case CODE_RED, CODE_RED_II -> {
                            worm(q, t, address[i], kind == CODE_RED_II);
                            emit.emit(q);
                            lines++;
                        }
                        case NIMDA_BURST -> {
                            int source = nimdaPool.draw(r);
                            long s = t;
                            for (int k = 0; k < NIMDA.length; k++) {
                                probe(q, s, source, NIMDA_RAW[k], NIMDA_QUERY, 280 + NIMDA_RAW[k].length);
                                emit.emit(q);
                                if (r.nextInt(3) == 0) s++;
                            }
                            lines += NIMDA.length;
                            nimda += NIMDA.length;
                        }
                        default -> { // SCAN: half of them Index Server's .ida/.idq, half other holes of the time
                            if (r.nextBoolean()) {
                                String[] s = OTHER_IDA[r.nextInt(OTHER_IDA.length)];
                                probe(q, t, clientAddress(r), bytes(s[0]), s[1] == null ? null : bytes(s[1]), 290);
                                otherIda++;
                                if (s[0].equals("/default.ida")) defaultIdaLines++;
                            } else {
                                String[] s = SCANS[r.nextInt(SCANS.length)];
                                probe(q, t, clientAddress(r), bytes(s[0]), s[1] == null ? null : bytes(s[1]), 290);
                            }
                            emit.emit(q);
                            lines++;
                        }
                    }
                }
            }
            Files.move(out.resolve(name + ".log.tmp"), out.resolve(name + ".log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve(name + ".truth.csv")))) {
                w.println("source_ip,code_red_attempts,code_red_ii_attempts,off_schedule_attempts");
                for (int i = 0; i < sources; i++) {
                    int a = address[i];
                    w.println((a >>> 24) + "." + (a >>> 16 & 0xff) + "." + (a >>> 8 & 0xff) + "." + (a & 0xff) + ","
                            + (two[i] ? 0 : count[i]) + "," + (two[i] ? count[i] : 0) + "," + off[i]);
                }
            }
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve(name + ".truth.properties")))) {
                w.println("# What a perfect analysis of " + name + ".log counts (GenerateLogs.java dense --seed " + seed + " --share " + share
                        + " --sources " + sources + " --bytes " + target + "); every source's attempts in " + name + ".truth.csv");
                w.println("lines=" + lines);
                w.println("records=" + lines);
                w.println("rejected=0");
                w.println("skipped=0");
                w.println("code_red=" + codeRed);
                w.println("code_red_ii=" + codeRedII);
                w.println("code_red_sources=" + crSources);
                w.println("code_red_ii_sources=" + cr2Sources);
                w.println("nimda=" + nimda);
                w.println("other_ida=" + otherIda);
                w.println("off_schedule=" + offSchedule);
                w.println("off_schedule_sources=" + offSources);
                w.println("default_ida_lines=" + defaultIdaLines);
                w.println("sources=" + sources);
                w.println("code_red_share_percent=" + String.format(Locale.ROOT, "%.2f", 100.0 * (codeRed + codeRedII) / lines));
            }
        }

        /** July to November, weighted by how much Code Red I each month saw. */
        static int month(SplittableRandom r) {
            int u = r.nextInt(100);
            for (int m = 0; ; m++) {
                u -= MONTH_WEIGHT[m];
                if (u < 0) return m;
            }
        }

        /** A probe as a scanner or Nimda sends it: HTTP/1.0, no referer or agent, answered 404. */
        static void probe(Req q, long t, int client, byte[] path, byte[] query, int size) {
            q.time = t;
            q.client = client;
            q.method = GET;
            q.path = path;
            q.iisPath = path;
            q.query = query;
            q.protocol = HTTP10;
            q.status = 404;
            q.iisStatus = 404;
            q.size = size;
            q.nginxSize = 169;
            q.referer = null;
            q.agent = null;
        }
    }
}
