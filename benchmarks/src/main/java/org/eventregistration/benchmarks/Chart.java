package org.eventregistration.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

/** Draws throughput against client threads, one panel per database and scenario, one line per strategy. */
final class Chart {
    private static final Color[] COLORS = {
        new Color(0x1f, 0x77, 0xb4), new Color(0xd6, 0x27, 0x28), new Color(0x2c, 0xa0, 0x2c),
        new Color(0x94, 0x67, 0xbd), new Color(0xff, 0x7f, 0x0e), new Color(0x8c, 0x56, 0x4b)
    };

    private Chart() {}

    /**
     * Redraws the chart from a result file: {@code java -cp … org.eventregistration.benchmarks.Chart
     * benchmarks/results/results.csv benchmarks/results/throughput.png}.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: Chart <results.csv> <chart.png>");
            System.exit(1);
        }
        write(read(Path.of(args[0])), Path.of(args[1]));
    }

    /** Reads the CSV that {@link Report#csv} writes. */
    static List<LoadHarness.Result> read(Path csv) throws IOException {
        List<LoadHarness.Result> results = new ArrayList<>();
        List<String> lines = java.nio.file.Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            results.add(new LoadHarness.Result(
                    f[0],
                    f[1],
                    Integer.parseInt(f[2]),
                    f[3],
                    Double.parseDouble(f[4]),
                    Double.parseDouble(f[5]),
                    Double.parseDouble(f[6]),
                    Integer.parseInt(f[7]),
                    Integer.parseInt(f[8]),
                    f.length > 9 ? Double.parseDouble(f[9]) : Double.NaN,
                    f.length > 10 ? Double.parseDouble(f[10]) : Double.NaN));
        }
        return results;
    }

    static void write(List<LoadHarness.Result> results, Path file) throws IOException {
        Map<String, List<LoadHarness.Result>> panels = new LinkedHashMap<>();
        Set<String> strategies = new LinkedHashSet<>();
        for (LoadHarness.Result r : results) {
            panels.computeIfAbsent(r.db() + " · " + r.scenario(), k -> new ArrayList<>())
                    .add(r);
            strategies.add(r.strategy());
        }
        List<String> strategyList = new ArrayList<>(strategies);
        int cols = Math.min(3, Math.max(1, panels.size()));
        int rows = (panels.size() + cols - 1) / cols;
        int pw = 420;
        int ph = 300;
        BufferedImage img = new BufferedImage(cols * pw, rows * ph + 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        // Legend.
        int lx = 10;
        for (int i = 0; i < strategyList.size(); i++) {
            g.setColor(COLORS[i % COLORS.length]);
            g.fillRect(lx, 14, 14, 4);
            g.setColor(Color.DARK_GRAY);
            g.drawString(strategyList.get(i), lx + 18, 20);
            lx += 30 + g.getFontMetrics().stringWidth(strategyList.get(i));
        }
        g.drawString("registrations/s vs client threads", lx + 20, 20);
        int index = 0;
        for (Map.Entry<String, List<LoadHarness.Result>> panel : panels.entrySet()) {
            int x0 = (index % cols) * pw + 60;
            int y0 = 40 + (index / cols) * ph + 20;
            int w = pw - 80;
            int h = ph - 70;
            drawPanel(g, panel.getKey(), panel.getValue(), strategyList, x0, y0, w, h);
            index++;
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static void drawPanel(
            Graphics2D g,
            String title,
            List<LoadHarness.Result> rs,
            List<String> strategies,
            int x0,
            int y0,
            int w,
            int h) {
        double max =
                rs.stream().mapToDouble(LoadHarness.Result::throughput).max().orElse(1) * 1.1;
        List<Integer> threads =
                rs.stream().map(LoadHarness.Result::threads).distinct().sorted().toList();
        g.setColor(Color.BLACK);
        g.drawString(title, x0, y0 - 6);
        g.setColor(Color.GRAY);
        g.drawLine(x0, y0 + h, x0 + w, y0 + h);
        g.drawLine(x0, y0, x0, y0 + h);
        for (int i = 0; i <= 4; i++) {
            int y = y0 + h - i * h / 4;
            g.setColor(new Color(0xe0, 0xe0, 0xe0));
            g.drawLine(x0 + 1, y, x0 + w, y);
            g.setColor(Color.DARK_GRAY);
            String label = String.format(Locale.ROOT, "%.0f", max * i / 4);
            g.drawString(label, x0 - 6 - g.getFontMetrics().stringWidth(label), y + 4);
        }
        for (int i = 0; i < threads.size(); i++) {
            int x = xOf(i, threads.size(), x0, w);
            g.drawString(String.valueOf(threads.get(i)), x - 4, y0 + h + 16);
        }
        g.setStroke(new BasicStroke(2f));
        for (int s = 0; s < strategies.size(); s++) {
            String name = strategies.get(s);
            g.setColor(COLORS[s % COLORS.length]);
            int px = -1;
            int py = -1;
            for (int i = 0; i < threads.size(); i++) {
                int t = threads.get(i);
                double v = rs.stream()
                        .filter(r -> r.strategy().equals(name) && r.threads() == t)
                        .mapToDouble(LoadHarness.Result::throughput)
                        .findFirst()
                        .orElse(Double.NaN);
                if (Double.isNaN(v)) {
                    continue;
                }
                int x = xOf(i, threads.size(), x0, w);
                int y = (int) (y0 + h - v / max * h);
                g.fillOval(x - 3, y - 3, 6, 6);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static int xOf(int i, int n, int x0, int w) {
        return n == 1 ? x0 + w / 2 : x0 + 10 + i * (w - 20) / (n - 1);
    }
}
