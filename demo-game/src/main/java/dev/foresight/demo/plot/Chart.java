package dev.foresight.demo.plot;

import dev.foresight.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * A grid of line-chart panels written to a PNG, drawn by JFreeChart: each panel has a title, axis
 * labels, a legend, lines and shaded bands; axes scale to the data with round ticks, and an axis
 * declared {@link Panel#integerX() integer} (episodes, steps) never shows fractions. Works headless.
 * Not thread-safe.
 *
 * <pre>{@code
 * Chart chart = new Chart("Open-loop prediction", 2, 1200, 800);
 * Chart.Panel p = chart.panel("cos θ", "step", "value");
 * p.band(xs, lower, upper, new Color(80, 130, 230, 60));
 * p.line("true", xs, truth, Color.BLACK);
 * chart.save(Path.of("prediction.png"));
 * }</pre>
 */
public final class Chart {
    private static final int TITLE_HEIGHT = 30;

    private final String title;
    private final int columns;
    private final int width;
    private final int height;
    private final List<Panel> panels = new ArrayList<>();

    /**
     * @param title drawn at the top
     * @param columns panels per row (&ge;1)
     * @param width image width in pixels
     * @param height image height in pixels
     */
    public Chart(String title, int columns, int width, int height) {
        if (columns < 1 || width < 100 || height < 100) {
            throw new IllegalArgumentException("need columns >= 1 and at least 100 × 100 pixels");
        }
        this.title = title;
        this.columns = columns;
        this.width = width;
        this.height = height;
    }

    /** Adds a panel. */
    public Panel panel(String panelTitle, String xLabel, String yLabel) {
        Panel panel = new Panel(panelTitle, xLabel, yLabel);
        panels.add(panel);
        return panel;
    }

    /** Draws the chart and writes it atomically as PNG. */
    public void save(Path file) throws IOException {
        BufferedImage image = render();
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    /** @return the chart as an image */
    public BufferedImage render() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, 12, 21);
        int rows = Math.max(1, (panels.size() + columns - 1) / columns);
        int cellWidth = width / columns;
        int cellHeight = (height - TITLE_HEIGHT) / rows;
        for (int i = 0; i < panels.size(); i++) {
            BufferedImage cell = panels.get(i).toJFreeChart().createBufferedImage(cellWidth, cellHeight);
            g.drawImage(cell, (i % columns) * cellWidth, TITLE_HEIGHT + (i / columns) * cellHeight, null);
        }
        g.dispose();
        return image;
    }

    /** One panel of the chart. */
    public static final class Panel {
        private record Series(String name, double[] x, double[] y, Color color, boolean dashed) {
        }

        private record Band(double[] x, double[] low, double[] high, Color color) {
        }

        private final String title;
        private final String xLabel;
        private final String yLabel;
        private final List<Series> lines = new ArrayList<>();
        private final List<Band> bands = new ArrayList<>();
        private boolean integerX;

        private Panel(String title, String xLabel, String yLabel) {
            this.title = title;
            this.xLabel = xLabel;
            this.yLabel = yLabel;
        }

        /** Adds a line; non-finite points are left out. Returns this panel. */
        public Panel line(String name, double[] x, double[] y, Color color) {
            lines.add(new Series(name, x, y, color, false));
            return this;
        }

        /** Adds a dashed line (e.g. a reference level). Returns this panel. */
        public Panel dashed(String name, double[] x, double[] y, Color color) {
            lines.add(new Series(name, x, y, color, true));
            return this;
        }

        /** Adds a shaded band between two curves (no legend entry). Returns this panel. */
        public Panel band(double[] x, double[] low, double[] high, Color color) {
            bands.add(new Band(x, low, high, color));
            return this;
        }

        /** The x axis counts things (episodes, steps): whole-number ticks only. Returns this panel. */
        public Panel integerX() {
            integerX = true;
            return this;
        }

        private JFreeChart toJFreeChart() {
            NumberAxis xAxis = new NumberAxis(xLabel);
            xAxis.setAutoRangeIncludesZero(false);
            if (integerX) {
                xAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            }
            NumberAxis yAxis = new NumberAxis(yLabel);
            yAxis.setAutoRangeIncludesZero(false);
            XYSeriesCollection lineData = new XYSeriesCollection();
            XYLineAndShapeRenderer lineRenderer = new XYLineAndShapeRenderer(true, false);
            int unnamed = 0;
            for (Series line : lines) {
                String key = line.name.isEmpty() ? " ".repeat(++unnamed) : line.name;
                XYSeries series = new XYSeries(key, false, true);
                for (int i = 0; i < line.x.length; i++) {
                    if (Double.isFinite(line.x[i]) && Double.isFinite(line.y[i])) {
                        series.add(line.x[i], line.y[i]);
                    }
                }
                int index = lineData.getSeriesCount();
                lineData.addSeries(series);
                lineRenderer.setSeriesPaint(index, line.color);
                lineRenderer.setSeriesStroke(index, line.dashed ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                        BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f) : new BasicStroke(2f));
                lineRenderer.setSeriesShapesVisible(index, series.getItemCount() == 1);
                lineRenderer.setSeriesVisibleInLegend(index, !line.name.isEmpty());
            }
            XYPlot plot = new XYPlot(lineData, xAxis, yAxis, lineRenderer);
            if (!bands.isEmpty()) {
                YIntervalSeriesCollection bandData = new YIntervalSeriesCollection();
                DeviationRenderer bandRenderer = new DeviationRenderer(true, false);
                bandRenderer.setAlpha(1f);
                for (int b = 0; b < bands.size(); b++) {
                    Band band = bands.get(b);
                    YIntervalSeries series = new YIntervalSeries("band " + b);
                    for (int i = 0; i < band.x.length; i++) {
                        if (Double.isFinite(band.x[i]) && Double.isFinite(band.low[i]) && Double.isFinite(band.high[i])) {
                            series.add(band.x[i], 0.5 * (band.low[i] + band.high[i]), band.low[i], band.high[i]);
                        }
                    }
                    bandData.addSeries(series);
                    bandRenderer.setSeriesPaint(b, new Color(0, 0, 0, 0));
                    bandRenderer.setSeriesFillPaint(b, band.color);
                    bandRenderer.setSeriesVisibleInLegend(b, false);
                }
                plot.setDataset(1, bandData);
                plot.setRenderer(1, bandRenderer);
                plot.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE);
            }
            plot.setBackgroundPaint(Color.WHITE);
            plot.setDomainGridlinePaint(new Color(200, 200, 200));
            plot.setRangeGridlinePaint(new Color(200, 200, 200));
            JFreeChart chart = new JFreeChart(title.isEmpty() ? null : title, new Font(Font.SANS_SERIF, Font.BOLD, 13), plot,
                    lines.stream().anyMatch(l -> !l.name.isEmpty()));
            chart.setBackgroundPaint(Color.WHITE);
            LegendTitle legend = chart.getLegend();
            if (legend != null) {
                legend.setPosition(RectangleEdge.BOTTOM);
            }
            return chart;
        }
    }
}
