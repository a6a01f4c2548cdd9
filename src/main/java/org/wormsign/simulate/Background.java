package org.wormsign.simulate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Ordinary traffic of one server: visits of people (a page, its images, sometimes a second page) and of the
 * crawlers of 2001, more by day than by night in the server's time zone. Nothing here looks like a worm:
 * every path comes from the site's own table.
 */
final class Background {
    /** One visitor in ten is a crawler; 4 in 10 people are first-time visitors from anywhere. */
    private static final double CRAWLER = 0.1, NEW_VISITOR = 0.4;
    private static final int REGULARS = 400;

    private static final String[] IIS_PAGES = {"/", "/default.asp", "/products/default.asp", "/products/catalog.asp?cat=12",
        "/products/catalog.asp?cat=7", "/news/default.htm", "/news/2001/july.htm", "/support/faq.htm", "/about.htm",
        "/contact.asp", "/search.asp?q=widgets", "/downloads/default.htm"};
    private static final String[] IIS_RESOURCES = {"/images/logo.gif", "/images/nav_home.gif", "/images/nav_products.gif",
        "/images/nav_support.gif", "/images/spacer.gif", "/images/banner_summer.jpg", "/styles/site.css", "/js/menu.js"};
    private static final String[] UNIX_PAGES = {"/", "/index.html", "/news.html", "/about.html", "/software/", "/software/download.html",
        "/docs/faq.html", "/docs/install.html", "/cgi-bin/search.pl?q=mirror", "/~jsmith/", "/archive/2001/07/", "/links.html"};
    private static final String[] UNIX_RESOURCES = {"/images/logo.png", "/images/header.jpg", "/icons/blank.gif", "/icons/folder.gif",
        "/icons/text.gif", "/style.css", "/images/photo1.jpg", "/images/powered_by.gif"};
    /** Asked for, never there: the site answers 404. */
    private static final String[] MISSING = {"/favicon.ico", "/images/old_banner.gif", "/index.php", "/sitemap.html"};
    private static final String ROBOTS = "/robots.txt";

    private static final String[] PEOPLE = {
        "Mozilla/4.0 (compatible; MSIE 5.5; Windows 98)", "Mozilla/4.0 (compatible; MSIE 5.01; Windows NT 5.0)",
        "Mozilla/4.0 (compatible; MSIE 5.5; Windows NT 5.0)", "Mozilla/4.0 (compatible; MSIE 5.0; Windows 98; DigExt)",
        "Mozilla/4.0 (compatible; MSIE 5.5; Windows NT 4.0)", "Mozilla/4.77 [en] (Windows NT 5.0; U)",
        "Mozilla/4.76 [en] (X11; U; Linux 2.4.2 i686)", "Mozilla/5.0 (Windows; U; Windows NT 5.0; en-US; rv:0.9.2) Gecko/20010726 Netscape6/6.1",
        "Mozilla/4.0 (compatible; MSIE 5.0; Mac_PowerPC)", "Opera/5.12 (Windows 98; U)  [en]", "Lynx/2.8.4rel.1 libwww-FM/2.14"};
    private static final double[] PEOPLE_WEIGHT = {30, 20, 14, 8, 5, 7, 4, 3, 3, 2, 1};
    private static final String[] CRAWLERS = {"Googlebot/2.1 (+http://www.googlebot.com/bot.html)",
        "Mozilla/3.0 (Slurp/si; slurp@inktomi.com; http://www.inktomi.com/slurp.html)", "ia_archiver", "Scooter/3.2"};
    /** The crawlers' networks in 2001 (Google, Inktomi, Alexa, AltaVista). */
    private static final int[] CRAWLER_NETS = {216 << 24 | 239 << 16 | 46 << 8, 209 << 24 | 185 << 16 | 108 << 8,
        209 << 24 | 237 << 16 | 238 << 8, 216 << 24 | 35 << 16 | 116 << 8};
    private static final String[] SEARCHES = {"http://www.google.com/search?q=%s&hl=en", "http://search.yahoo.com/bin/search?p=%s",
        "http://www.altavista.com/cgi-bin/query?q=%s", "http://search.msn.com/results.asp?q=%s"};
    private static final String[] TERMS = {"widgets", "faq", "download", "mirror", "install+guide", "contact", "news", "support"};
    private static final String[] OTHER_SITES = {"http://www.dmoz.org/Computers/", "http://slashdot.org/", "http://www.example.org/links.html"};

    /** Requests as HTTP/1.1 (people) and HTTP/1.0 (crawlers): pages, then resources, then missing, then robots.txt. */
    private final Request[] http11, http10;
    private final int[] size;
    private final int pages, resources, missing, robots;
    private final boolean hasRobots;
    private final byte[][] pageUrl;
    private final byte[][] searchReferers;
    private final byte[][] otherReferers;
    private final LogLine.Agent[] people, crawlers;
    private final double peopleTotal;
    private final int[] regulars;
    private final Networks networks;
    private final ServerKind kind;
    /** Mean lines a visit makes, measured once from the generator itself. */
    final double linesPerVisit;

    Background(Monitor server, Networks networks, SplittableRandom r) {
        this.kind = server.kind();
        this.networks = networks;
        String[] pagePaths = kind.iis() ? IIS_PAGES : UNIX_PAGES;
        String[] resourcePaths = kind.iis() ? IIS_RESOURCES : UNIX_RESOURCES;
        List<String> all = new ArrayList<>(List.of(pagePaths));
        all.addAll(List.of(resourcePaths));
        all.addAll(List.of(MISSING));
        all.add(ROBOTS);
        pages = pagePaths.length;
        resources = resourcePaths.length;
        missing = MISSING.length;
        robots = all.size() - 1;
        hasRobots = r.nextBoolean();
        http11 = new Request[all.size()];
        http10 = new Request[all.size()];
        size = new int[all.size()];
        for (int i = 0; i < all.size(); i++) {
            String target = all.get(i);
            int q = target.indexOf('?');
            String path = q < 0 ? target : target.substring(0, q), query = q < 0 ? null : target.substring(q + 1);
            http11[i] = Request.of("GET", path, query, "HTTP/1.1", 380);
            http10[i] = Request.of("GET", path, query, "HTTP/1.0", 120);
            size[i] = i < pages ? 2_000 + r.nextInt(28_000) : i < pages + resources ? 60 + r.nextInt(24_000) : 100 + r.nextInt(400);
        }
        pageUrl = new byte[pages][];
        for (int i = 0; i < pages; i++) pageUrl[i] = bytes("http://" + kind.site + pagePaths[i]);
        searchReferers = new byte[SEARCHES.length * TERMS.length][];
        for (int i = 0; i < searchReferers.length; i++) {
            searchReferers[i] = bytes(String.format(SEARCHES[i % SEARCHES.length], TERMS[i / SEARCHES.length]));
        }
        otherReferers = new byte[OTHER_SITES.length][];
        for (int i = 0; i < OTHER_SITES.length; i++) otherReferers[i] = bytes(OTHER_SITES[i]);
        people = new LogLine.Agent[PEOPLE.length];
        double total = 0;
        for (int i = 0; i < PEOPLE.length; i++) {
            people[i] = LogLine.Agent.of(PEOPLE[i]);
            total += PEOPLE_WEIGHT[i];
        }
        peopleTotal = total;
        crawlers = new LogLine.Agent[CRAWLERS.length];
        for (int i = 0; i < CRAWLERS.length; i++) crawlers[i] = LogLine.Agent.of(CRAWLERS[i]);
        regulars = new int[REGULARS];
        for (int i = 0; i < REGULARS; i++) regulars[i] = networks.randomAddress(networks.pick(r), r);
        linesPerVisit = measureLinesPerVisit();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private double measureLinesPerVisit() {
        Lines sample = new Lines();
        SplittableRandom r = new SplittableRandom(1);
        int visits = 4_000;
        for (int i = 0; i < visits; i++) visit(0, Long.MAX_VALUE, r, sample);
        return sample.size / (double) visits;
    }

    /**
     * Visits starting in [from, to): {@code perHour} lines an hour on average, times the hour's share of the
     * day (peak mid-afternoon, trough before dawn, local time).
     */
    void generate(long from, long to, double perHour, int localHour, SplittableRandom r, Lines out) {
        double diurnal = 1 + 0.6 * StrictMath.cos(2 * Math.PI * (localHour - 15) / 24.0);
        long visits = Draws.poisson(r, perHour * diurnal * (to - from) / Utc.HOUR / linesPerVisit);
        for (long i = 0; i < visits; i++) visit(from, to, r, out);
    }

    private void visit(long from, long to, SplittableRandom r, Lines out) {
        long t = to == Long.MAX_VALUE ? from : from + r.nextLong(to - from);
        long last = to == Long.MAX_VALUE ? Long.MAX_VALUE : to - 1;
        if (r.nextDouble() < CRAWLER) {
            int c = r.nextInt(crawlers.length);
            int client = CRAWLER_NETS[c] | 1 + r.nextInt(254);
            int req = r.nextInt(4) == 0 ? robots : r.nextInt(pages);
            int status = req == robots && !hasRobots ? 404 : 200;
            out.add(t, client, req, true, status, status == 200 ? size[req] : errorSize(req), null, crawlers[c], r.nextInt(40));
            return;
        }
        boolean regular = r.nextDouble() >= NEW_VISITOR;
        int client = regular ? regulars[r.nextInt(regulars.length)] : networks.randomAddress(networks.pick(r), r);
        LogLine.Agent agent = person(r);
        double u = r.nextDouble();
        byte[] referer = u < 0.55 ? null : u < 0.85 ? searchReferers[r.nextInt(searchReferers.length)] : otherReferers[r.nextInt(otherReferers.length)];
        int page = r.nextInt(3) == 0 ? 0 : r.nextInt(pages);
        int pagesSeen = r.nextInt(10) < 4 ? 2 : 1;
        for (int v = 0; v < pagesSeen; v++) {
            boolean cached = regular && r.nextInt(7) == 0;
            out.add(Math.min(t, last), client, page, false, cached ? 304 : 200, cached ? -1 : size[page], referer, agent, 10 + r.nextInt(200));
            byte[] here = pageUrl[page];
            int images = r.nextInt(5);
            for (int i = 0; i < images; i++) {
                t += r.nextInt(2);
                int res = pages + r.nextInt(resources);
                boolean hit = regular && r.nextBoolean();
                out.add(Math.min(t, last), client, res, false, hit ? 304 : 200, hit ? -1 : size[res], here, agent, r.nextInt(30));
            }
            if (r.nextInt(12) == 0) {
                int miss = pages + resources + r.nextInt(missing);
                out.add(Math.min(t, last), client, miss, false, 404, errorSize(miss), here, agent, r.nextInt(20));
            }
            referer = here;
            page = r.nextInt(pages);
            t += 5 + r.nextInt(90);
        }
    }

    private int errorSize(int req) {
        return kind.errorBytes(404, http11[req], false);
    }

    private LogLine.Agent person(SplittableRandom r) {
        double u = r.nextDouble() * peopleTotal;
        int i = 0;
        while (i < PEOPLE_WEIGHT.length - 1 && u >= PEOPLE_WEIGHT[i]) u -= PEOPLE_WEIGHT[i++];
        return people[i];
    }

    Request request(int index, boolean http10) {
        return http10 ? this.http10[index] : http11[index];
    }

    /** The background lines of one slice of log, in the order generated (the writer sorts them by time). */
    static final class Lines {
        int size;
        long[] second = new long[256];
        int[] client = new int[256], request = new int[256], status = new int[256], timeTaken = new int[256];
        long[] bytes = new long[256];
        boolean[] http10 = new boolean[256];
        byte[][] referer = new byte[256][];
        LogLine.Agent[] agent = new LogLine.Agent[256];

        void clear() {
            java.util.Arrays.fill(referer, 0, size, null);
            java.util.Arrays.fill(agent, 0, size, null);
            size = 0;
        }

        void add(long t, int c, int req, boolean h10, int st, long b, byte[] ref, LogLine.Agent ag, int taken) {
            if (size == second.length) grow();
            second[size] = t;
            client[size] = c;
            request[size] = req;
            http10[size] = h10;
            status[size] = st;
            bytes[size] = b;
            referer[size] = ref;
            agent[size] = ag;
            timeTaken[size] = taken;
            size++;
        }

        private void grow() {
            int n = second.length * 2;
            second = java.util.Arrays.copyOf(second, n);
            client = java.util.Arrays.copyOf(client, n);
            request = java.util.Arrays.copyOf(request, n);
            http10 = java.util.Arrays.copyOf(http10, n);
            status = java.util.Arrays.copyOf(status, n);
            bytes = java.util.Arrays.copyOf(bytes, n);
            referer = java.util.Arrays.copyOf(referer, n);
            agent = java.util.Arrays.copyOf(agent, n);
            timeTaken = java.util.Arrays.copyOf(timeTaken, n);
        }
    }
}
