package org.wormsign.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.time.Millisecond;
import org.jfree.data.time.SimpleTimePeriod;
import org.jfree.data.time.TimePeriod;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.data.time.TimeTableXYDataset;

/**
 * The report's charts, drawn with JFreeChart and embedded as PNG data so the page stands alone. Each
 * comes with the sentence that stands in for it (its {@code alt} text).
 */
public final class Charts {
    private Charts() {}

    public static final Color CODE_RED = new Color(0xc0392b);
    public static final Color CODE_RED_II = new Color(0x2c3e91);
    public static final Color PROPAGATION = new Color(0xc0392b);
    public static final Color FLOOD = new Color(0xe67e22);
    public static final Color DORMANT = new Color(0x95a5a6);
    private static final Color FLOOD_SHADE = new Color(230, 126, 34, 40);
    private static final Color DORMANT_SHADE = new Color(149, 165, 166, 55);
    private static final int WIDTH = 960;
    /** Images of a chart's width the warm-up encodes, and their rows: enough row calls for the optimising compiler. */
    private static final int WARM_UP_IMAGES = 10, WARM_UP_ROWS = 120;

    /**
     * Draws a small throwaway chart and encodes a few chart-wide images on a daemon thread: loading Java2D,
     * fonts (fontconfig) and JFreeChart takes about a second, and compiling the PNG encoder a few tenths, which
     * then overlap the analysis instead of following it.
     */
    public static void warmUpInBackground() {
        Thread t = new Thread(() -> {
            try {
                DefaultCategoryDataset d = new DefaultCategoryDataset();
                d.addValue(1, "a", "b");
                JFreeChart c = new JFreeChart(new CategoryPlot(d, new CategoryAxis("x"), countAxis("y"), new BarRenderer()));
                style(c);
                PngEncoder.encode(c.createBufferedImage(64, 64, BufferedImage.TYPE_INT_RGB, null));
                // Run cold, the encoder's row loops took 0.3 to 1 s of the five charts, varying with when the compiler
                // got to them. Small images, several times: a 4.6 MB one could outgrow a survivor space mid-scan and
                // be promoted, to stay resident until a full collection.
                BufferedImage rows = warmUpRows();
                for (int i = 0; i < WARM_UP_IMAGES; i++) PngEncoder.encode(rows);
            } catch (Throwable e) {
                // Only a warm-up (out of memory, missing font libraries, …): the real charts report their own failures.
            }
        }, "wormsign-chart-warmup");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Rows for which each PNG filter is the best in turn, a third each: one colour along a row (Sub), a row
     * like the one above (Up), pixels alternating between two far-apart colours (None). The compiled encoder
     * has then seen every outcome, and is not thrown away at the first real chart.
     */
    static BufferedImage warmUpRows() {
        BufferedImage img = new BufferedImage(WIDTH, WARM_UP_ROWS, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((java.awt.image.DataBufferInt) img.getRaster().getDataBuffer()).getData();
        for (int y = 0, at = 0; y < WARM_UP_ROWS; y++) {
            for (int x = 0; x < WIDTH; x++, at++) {
                pixels[at] = switch (y % 3) {
                    case 0 -> 0x202020 * (1 + y % 7);
                    case 1 -> pixels[at - WIDTH];
                    default -> x % 2 == 0 ? 0 : 0x7f7f7f;
                };
            }
        }
        return img;
    }

    /** A chart as a PNG, with the text that stands in for it. */
    public record Image(String dataUri, String alt, int width, int height) {}

    /**
     * Attempts over time by variant, in bins that fit the span, with the days the worm floods (20–27)
     * and sleeps (28–31) shaded: probes inside the shading came from wrong clocks.
     */
    public static Image attemptsOverTime(NavigableMap<Long, long[]> hourly, long codeRed, long codeRedII) {
        if (hourly.isEmpty()) return empty("No Code Red attempt with a logged time to chart.");
        long first = hourly.firstKey() * 3600L, last = hourly.lastKey() * 3600L + 3599;
        TimeBins.Width width = TimeBins.forSpan(first, last);
        TimeTableXYDataset data = new TimeTableXYDataset(java.util.TimeZone.getTimeZone("UTC"));
        for (Map.Entry<Long, long[]> e : TimeBins.rebin(hourly, width).entrySet()) {
            TimePeriod at = bin(e.getKey(), width);
            data.add(at, e.getValue()[0], "Code Red I", false);
            data.add(at, e.getValue()[1], "Code Red II", false);
        }
        DateAxis x = utcAxis("UTC time (bars of one " + width.label() + ")");
        NumberAxis y = countAxis("attempts per " + width.label());
        StackedXYBarRenderer r = new StackedXYBarRenderer(0.0);
        r.setBarPainter(new StandardXYBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, CODE_RED);
        r.setSeriesPaint(1, CODE_RED_II);
        XYPlot plot = new XYPlot(data, x, y, r);
        shadeWormCalendar(plot, first, last);
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.addSubtitle(new TextTitle("shaded: UTC days 20–27 (flood) and 28–31 (dormant), when no correct-clock Code Red I probes",
                new Font(Font.SANS_SERIF, Font.PLAIN, 11)));
        style(chart);
        String alt = "Stacked bars of Code Red attempts per " + width.label() + " (UTC): " + codeRed + " Code Red I and "
                + codeRedII + " Code Red II, from " + Times.iso(first) + " to " + Times.iso(last) + ".";
        return png(chart, WIDTH, 420, alt);
    }

    /** The infection wave as monitors saw it: sources seen for the first time per bin, and their running total. */
    public static Image infectionWave(NavigableMap<Long, long[]> newSourcesHourly, long sources) {
        if (newSourcesHourly.isEmpty()) return empty("No Code Red source with a logged time to chart.");
        long first = newSourcesHourly.firstKey() * 3600L, last = newSourcesHourly.lastKey() * 3600L + 3599;
        TimeBins.Width width = TimeBins.forSpan(first, last);
        TimeTableXYDataset bars = new TimeTableXYDataset(java.util.TimeZone.getTimeZone("UTC"));
        TimeSeries cumulative = new TimeSeries("distinct sources so far");
        long total = 0;
        for (Map.Entry<Long, long[]> e : TimeBins.rebin(newSourcesHourly, width).entrySet()) {
            TimePeriod at = bin(e.getKey(), width);
            bars.add(at, e.getValue()[0], "new Code Red I sources", false);
            bars.add(at, e.getValue()[1], "new Code Red II sources", false);
            total += e.getValue()[0] + e.getValue()[1];
            cumulative.addOrUpdate(new Millisecond(new java.util.Date((e.getKey() + width.seconds()) * 1000L - 1), java.util.TimeZone.getTimeZone("UTC"), java.util.Locale.ROOT), total);
        }
        StackedXYBarRenderer r = new StackedXYBarRenderer(0.0);
        r.setBarPainter(new StandardXYBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, CODE_RED);
        r.setSeriesPaint(1, CODE_RED_II);
        XYPlot plot = new XYPlot(bars, utcAxis("UTC time (bars of one " + width.label() + ")"), countAxis("new sources per " + width.label()), r);
        NumberAxis right = countAxis("distinct sources so far");
        plot.setRangeAxis(1, right);
        // The line's renderer first: the bar renderer cannot read a series collection.
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
        line.setSeriesPaint(0, Color.BLACK);
        line.setSeriesStroke(0, new BasicStroke(2f));
        plot.setRenderer(1, line);
        plot.setDataset(1, new TimeSeriesCollection(cumulative, java.util.TimeZone.getTimeZone("UTC")));
        plot.mapDatasetToRangeAxis(1, 1);
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        style(chart);
        String alt = "Infection wave: bars of sources first seen per " + width.label() + " and a line of the running total, reaching "
                + sources + " distinct sources by " + Times.iso(last) + ".";
        return png(chart, WIDTH, 380, alt);
    }

    /** Code Red I attempts by UTC day of the month, coloured by the worm's phase on that day. */
    public static Image byDayOfMonth(long[] codeRedByDay, long[] codeRedIIByDay) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        long crTotal = 0, offPhase = 0;
        for (int d = 1; d <= 31; d++) {
            data.addValue(codeRedByDay[d], "Code Red I", Integer.valueOf(d));
            data.addValue(codeRedIIByDay[d], "Code Red II", Integer.valueOf(d));
            crTotal += codeRedByDay[d];
            if (d >= 20) offPhase += codeRedByDay[d];
        }
        CategoryAxis x = new CategoryAxis("UTC day of month (Code Red I bars coloured by phase: propagation 1–19, flood 20–27, dormant 28–31)");
        NumberAxis y = countAxis("attempts");
        BarRenderer r = new BarRenderer() {
            @Override public Paint getItemPaint(int row, int column) {
                if (row == 1) return CODE_RED_II;
                int day = column + 1;
                return day <= 19 ? PROPAGATION : day <= 27 ? FLOOD : DORMANT;
            }
        };
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setItemMargin(0.0);
        r.setSeriesPaint(0, PROPAGATION);
        r.setSeriesPaint(1, CODE_RED_II);
        CategoryPlot plot = new CategoryPlot(data, x, y, r);
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        style(chart);
        String alt = "Bars of attempts by UTC day of month: " + crTotal + " Code Red I attempts, " + offPhase
                + " of them on days 20–31, when the worm's own calendar sends no probes.";
        return png(chart, WIDTH, 340, alt);
    }

    /** One bar per target, split by the status it answered. */
    public record TargetAnswers(String target, long s400, long s404, long s200, long other) {}

    public static Image answersPerTarget(List<TargetAnswers> targets, int shown) {
        if (targets.isEmpty()) return empty("No target answered a Code Red request.");
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<TargetAnswers> top = targets.subList(0, Math.min(shown, targets.size()));
        for (TargetAnswers t : top) {
            String label = shorten(t.target(), 48);
            data.addValue(t.s400(), "400 (rejected: the side effect)", label);
            data.addValue(t.s404(), "404 (not found / .ida unmapped)", label);
            data.addValue(t.s200(), "200 (answered)", label);
            data.addValue(t.other(), "other", label);
        }
        JFreeChart chart = horizontalStackedBars(data, "Code Red attempts answered",
                new Color(0xe67e22), new Color(0x7f8c8d), new Color(0x27ae60), new Color(0x8e44ad));
        StringBuilder alt = new StringBuilder("Horizontal bars of how each target answered Code Red: ");
        for (int i = 0; i < Math.min(5, top.size()); i++) {
            TargetAnswers t = top.get(i);
            alt.append(i > 0 ? "; " : "").append(t.target()).append(':');
            if (t.s400() > 0) alt.append(" 400×").append(t.s400());
            if (t.s404() > 0) alt.append(" 404×").append(t.s404());
            if (t.s200() > 0) alt.append(" 200×").append(t.s200());
            if (t.other() > 0) alt.append(" other×").append(t.other());
        }
        if (top.size() > 5) alt.append("; and ").append(top.size() - 5).append(" more");
        return png(chart, WIDTH, 120 + 28 * top.size(), alt.append('.').toString());
    }

    /** Sources per /16 network, Code Red I and II: Code Red II picks 3/8 of its targets in its own /16. */
    public record Network(String prefix, long codeRedSources, long codeRedIISources) {}

    public static Image topNetworks(List<Network> networks, int shown) {
        if (networks.isEmpty()) return empty("No source network to chart.");
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<Network> top = networks.subList(0, Math.min(shown, networks.size()));
        for (Network n : top) {
            data.addValue(n.codeRedSources(), "Code Red I sources", n.prefix());
            data.addValue(n.codeRedIISources(), "Code Red II sources", n.prefix());
        }
        JFreeChart chart = horizontalStackedBars(data, "sources", CODE_RED, CODE_RED_II);
        StringBuilder alt = new StringBuilder("Horizontal bars of sources per /16 network: ");
        for (int i = 0; i < Math.min(5, top.size()); i++) {
            Network n = top.get(i);
            alt.append(i > 0 ? "; " : "").append(n.prefix()).append(" ").append(n.codeRedSources()).append(" Code Red I, ")
                    .append(n.codeRedIISources()).append(" Code Red II");
        }
        return png(chart, WIDTH, 120 + 26 * top.size(), alt.append('.').toString());
    }

    /** A bar's extent: the whole bin, so bars touch and a week reads as a week. */
    private static TimePeriod bin(long startSecond, TimeBins.Width width) {
        return new SimpleTimePeriod(startSecond * 1000L, (startSecond + width.seconds()) * 1000L - 1);
    }

    private static void shadeWormCalendar(XYPlot plot, long first, long last) {
        LocalDate day = LocalDate.ofInstant(Instant.ofEpochSecond(first), ZoneOffset.UTC).withDayOfMonth(1);
        LocalDate end = LocalDate.ofInstant(Instant.ofEpochSecond(last), ZoneOffset.UTC);
        int months = 0;
        while (!day.isAfter(end) && months++ < 120) {
            long flood = day.withDayOfMonth(20).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1000L;
            long dormant = day.withDayOfMonth(28).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1000L;
            long next = day.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1000L;
            plot.addDomainMarker(new IntervalMarker(flood, dormant, FLOOD_SHADE), Layer.BACKGROUND);
            plot.addDomainMarker(new IntervalMarker(dormant, next, DORMANT_SHADE), Layer.BACKGROUND);
            day = day.plusMonths(1);
        }
    }

    /** One horizontal bar per category (target, network), its series stacked in the given colours, counts below. */
    private static JFreeChart horizontalStackedBars(DefaultCategoryDataset data, String countLabel, Color... seriesColours) {
        StackedBarRenderer r = new StackedBarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        for (int i = 0; i < seriesColours.length; i++) r.setSeriesPaint(i, seriesColours[i]);
        CategoryPlot plot = new CategoryPlot(data, wideLabels(), countAxis(countLabel), r);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_RIGHT);
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        style(chart);
        return chart;
    }

    /** Category labels of horizontal bars (targets, networks) get up to 40% of the width before being cut. */
    private static CategoryAxis wideLabels() {
        CategoryAxis axis = new CategoryAxis(null);
        axis.setMaximumCategoryLabelWidthRatio(0.4f);
        axis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        return axis;
    }

    private static DateAxis utcAxis(String label) {
        DateAxis x = new DateAxis(label, java.util.TimeZone.getTimeZone("UTC"), java.util.Locale.ROOT);
        x.setLowerMargin(0.01);
        x.setUpperMargin(0.01);
        return x;
    }

    private static NumberAxis countAxis(String label) {
        NumberAxis y = new NumberAxis(label);
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return y;
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : "…" + s.substring(s.length() - max + 1);
    }

    private static Image empty(String alt) {
        return new Image(null, alt, 0, 0);
    }

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.getPlot().setBackgroundPaint(new Color(0xfcfcfc));
        LegendTitle legend = chart.getLegend();
        if (legend != null) legend.setPosition(RectangleEdge.TOP);
        if (chart.getPlot() instanceof CategoryPlot p) {
            p.setRangeGridlinePaint(new Color(0xdddddd));
            p.getDomainAxis().setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        } else if (chart.getPlot() instanceof XYPlot p) {
            p.setRangeGridlinePaint(new Color(0xdddddd));
            p.setDomainGridlinePaint(new Color(0xeeeeee));
        }
    }

    private static Image png(JFreeChart chart, int width, int height, String alt) {
        byte[] png = PngEncoder.encode(chart.createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, null));
        return new Image("data:image/png;base64," + Base64.getEncoder().encodeToString(png), alt, width, height);
    }
}
