package org.wormsign.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ChartFactory;
import org.jfree.data.category.DefaultCategoryDataset;

/** The report's charts, drawn with JFreeChart and embedded as PNG data so the page stands alone. */
public final class Charts {
    private Charts() {}

    public static final Color CODE_RED = new Color(0xc0392b);
    public static final Color CODE_RED_II = new Color(0x2c3e91);

    /** A chart as a PNG, with the text that stands in for it. */
    public record Image(String dataUri, String alt, int width, int height) {}

    /** Attempts per UTC day, Code Red I and II stacked; days with none inside the span are shown as zero. */
    public static Image attemptsPerDay(ReportModel m) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        long firstDay = m.days().isEmpty() ? 0 : m.days().get(0).epochDay();
        long lastDay = m.days().isEmpty() ? -1 : m.days().get(m.days().size() - 1).epochDay();
        java.util.Map<Long, ReportModel.DayRow> byDay = new java.util.HashMap<>();
        m.days().forEach(d -> byDay.put(d.epochDay(), d));
        // More than a year of days would be unreadable as bars; the report issue adapts the bin to the span.
        long step = Math.max(1, (lastDay - firstDay + 1 + 365) / 366);
        for (long day = firstDay; day <= lastDay; day += step) {
            long cr = 0, cr2 = 0;
            for (long d = day; d < day + step && d <= lastDay; d++) {
                ReportModel.DayRow r = byDay.get(d);
                if (r != null) { cr += r.codeRed(); cr2 += r.codeRedII(); }
            }
            String label = Times.day(day);
            data.addValue(cr, "Code Red I", label);
            data.addValue(cr2, "Code Red II", label);
        }
        JFreeChart chart = ChartFactory.createStackedBarChart(null, step == 1 ? "UTC day" : "UTC, " + step + "-day bins",
                "attempts", data, PlotOrientation.VERTICAL, true, false, false);
        style(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        StackedBarRenderer r = (StackedBarRenderer) plot.getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, CODE_RED);
        r.setSeriesPaint(1, CODE_RED_II);
        CategoryAxis x = plot.getDomainAxis();
        x.setCategoryLabelPositions(CategoryLabelPositions.UP_90);
        int columns = data.getColumnCount();
        if (columns > 40) {
            // Label about 40 days; the others stay as ticks.
            int every = (columns + 39) / 40;
            for (int i = 0; i < columns; i++) {
                if (i % every != 0) x.setTickLabelPaint(data.getColumnKey(i), new Color(0, 0, 0, 0));
            }
        }
        ((NumberAxis) plot.getRangeAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        String alt = "Bar chart of Code Red attempts per UTC day: " + m.totals().codeRed() + " Code Red I and "
                + m.totals().codeRedII() + " Code Red II attempts"
                + (m.days().isEmpty() ? "; no attempts." : " from " + Times.day(firstDay) + " to " + Times.day(lastDay) + ".");
        return png(chart, 960, 420, alt);
    }

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.getPlot().setBackgroundPaint(new Color(0xfafafa));
        if (chart.getPlot() instanceof CategoryPlot p) {
            p.setRangeGridlinePaint(new Color(0xdddddd));
            p.setRangeGridlineStroke(new BasicStroke(1f));
            p.getDomainAxis().setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        }
    }

    private static Image png(JFreeChart chart, int width, int height, String alt) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ChartUtils.writeChartAsPNG(out, chart, width, height);
            return new Image("data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray()), alt, width, height);
        } catch (IOException e) {
            throw new IllegalStateException("PNG encoding to memory failed", e);
        }
    }
}
