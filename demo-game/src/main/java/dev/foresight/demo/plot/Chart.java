package dev.foresight.demo.plot;

import dev.foresight.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A grid of line-chart panels written to a PNG. Each panel has a title, axis labels, lines and
 * shaded bands; axes scale to the data. Works headless. Not thread-safe.
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
    private static final int MARGIN_LEFT = 70;
    private static final int MARGIN_RIGHT = 20;
    private static final int MARGIN_TOP = 34;
    private static final int MARGIN_BOTTOM = 46;

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
        g.drawString(title, 12, 22);
        int rows = Math.max(1, (panels.size() + columns - 1) / columns);
        int top = 30;
        int cellWidth = width / columns;
        int cellHeight = (height - top) / rows;
        for (int i = 0; i < panels.size(); i++) {
            int x = (i % columns) * cellWidth;
            int y = top + (i / columns) * cellHeight;
            panels.get(i).draw(g, x, y, cellWidth, cellHeight);
        }
        g.dispose();
        return image;
    }

    /** One panel of the chart. */
    public static final class Panel {
        private record Series(String name, double[] x, double[] y, Color color) {
        }

        private record Band(double[] x, double[] low, double[] high, Color color) {
        }

        private final String title;
        private final String xLabel;
        private final String yLabel;
        private final List<Series> lines = new ArrayList<>();
        private final List<Band> bands = new ArrayList<>();

        private Panel(String title, String xLabel, String yLabel) {
            this.title = title;
            this.xLabel = xLabel;
            this.yLabel = yLabel;
        }

        /** Adds a line; non-finite points break it. Returns this panel. */
        public Panel line(String name, double[] x, double[] y, Color color) {
            lines.add(new Series(name, x, y, color));
            return this;
        }

        /** Adds a shaded band between two curves. Returns this panel. */
        public Panel band(double[] x, double[] low, double[] high, Color color) {
            bands.add(new Band(x, low, high, color));
            return this;
        }

        private void draw(Graphics2D g, int x0, int y0, int w, int h) {
            double minX = Double.POSITIVE_INFINITY;
            double maxX = Double.NEGATIVE_INFINITY;
            double minY = Double.POSITIVE_INFINITY;
            double maxY = Double.NEGATIVE_INFINITY;
            for (Series s : lines) {
                for (int i = 0; i < s.x.length; i++) {
                    if (Double.isFinite(s.y[i])) {
                        minX = Math.min(minX, s.x[i]);
                        maxX = Math.max(maxX, s.x[i]);
                        minY = Math.min(minY, s.y[i]);
                        maxY = Math.max(maxY, s.y[i]);
                    }
                }
            }
            for (Band b : bands) {
                for (int i = 0; i < b.x.length; i++) {
                    if (Double.isFinite(b.low[i]) && Double.isFinite(b.high[i])) {
                        minY = Math.min(minY, b.low[i]);
                        maxY = Math.max(maxY, b.high[i]);
                    }
                }
            }
            if (!(minX < maxX)) {
                minX = Double.isFinite(minX) ? minX - 1 : 0;
                maxX = minX + 2;
            }
            if (!(minY < maxY)) {
                minY = Double.isFinite(minY) ? minY - 1 : 0;
                maxY = minY + 2;
            }
            double pad = 0.05 * (maxY - minY);
            minY -= pad;
            maxY += pad;
            int left = x0 + MARGIN_LEFT;
            int right = x0 + w - MARGIN_RIGHT;
            int top = y0 + MARGIN_TOP;
            int bottom = y0 + h - MARGIN_BOTTOM;
            Mapper map = new Mapper(minX, maxX, minY, maxY, left, right, top, bottom);

            g.setColor(new Color(235, 235, 235));
            g.setStroke(new BasicStroke(1f));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            for (int t = 0; t <= 4; t++) {
                double vy = minY + t * (maxY - minY) / 4;
                int py = map.y(vy);
                g.setColor(new Color(235, 235, 235));
                g.drawLine(left, py, right, py);
                g.setColor(Color.DARK_GRAY);
                g.drawString(format(vy), x0 + 6, py + 4);
                double vx = minX + t * (maxX - minX) / 4;
                int px = map.x(vx);
                g.drawString(format(vx), px - 12, bottom + 16);
            }
            g.setColor(Color.GRAY);
            g.drawRect(left, top, right - left, bottom - top);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.drawString(title, left, y0 + 22);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString(xLabel, (left + right) / 2 - 20, bottom + 34);
            g.drawString(yLabel, x0 + 6, top - 6);

            for (Band b : bands) {
                Path2D.Double shape = new Path2D.Double();
                boolean started = false;
                for (int i = 0; i < b.x.length; i++) {
                    if (!started) {
                        shape.moveTo(map.x(b.x[i]), map.y(b.high[i]));
                        started = true;
                    } else {
                        shape.lineTo(map.x(b.x[i]), map.y(b.high[i]));
                    }
                }
                for (int i = b.x.length - 1; i >= 0; i--) {
                    shape.lineTo(map.x(b.x[i]), map.y(b.low[i]));
                }
                shape.closePath();
                g.setColor(b.color);
                g.fill(shape);
            }
            int legendY = top + 16;
            for (Series s : lines) {
                g.setColor(s.color);
                g.setStroke(new BasicStroke(2f));
                Path2D.Double path = new Path2D.Double();
                boolean pen = false;
                for (int i = 0; i < s.x.length; i++) {
                    if (!Double.isFinite(s.y[i])) {
                        pen = false;
                        continue;
                    }
                    double px = map.x(s.x[i]);
                    double py = map.y(Math.max(minY, Math.min(maxY, s.y[i])));
                    if (pen) {
                        path.lineTo(px, py);
                    } else {
                        path.moveTo(px, py);
                        pen = true;
                    }
                }
                g.draw(path);
                g.drawLine(right - 120, legendY - 4, right - 100, legendY - 4);
                g.setColor(Color.BLACK);
                g.drawString(s.name, right - 95, legendY);
                legendY += 15;
            }
        }

        private static String format(double v) {
            double a = Math.abs(v);
            if (a != 0 && (a >= 1e5 || a < 1e-2)) {
                return String.format(Locale.ROOT, "%.1e", v);
            }
            return String.format(Locale.ROOT, a >= 10 ? "%.0f" : "%.2f", v);
        }
    }

    private record Mapper(double minX, double maxX, double minY, double maxY, int left, int right, int top, int bottom) {
        int x(double v) {
            return (int) Math.round(left + (v - minX) / (maxX - minX) * (right - left));
        }

        int y(double v) {
            return (int) Math.round(bottom - (v - minY) / (maxY - minY) * (bottom - top));
        }
    }
}
