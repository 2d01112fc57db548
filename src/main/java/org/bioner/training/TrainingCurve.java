package org.bioner.training;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import javax.imageio.ImageIO;

/** Draws the training curve (loss per epoch, dev F1 per epoch) as a PNG with java.awt, headless. */
public final class TrainingCurve {

    private static final int W = 900, H = 420, PAD = 60;

    private TrainingCurve() { }

    public static void write(List<EpochRecord> records, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int half = W / 2;
        panel(g, records, 0, half, "training loss (summed per epoch)", EpochRecord::loss, new Color(200, 60, 40), false);
        panel(g, records, half, half, "dev F1", EpochRecord::devF1, new Color(40, 90, 200), true);
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    private static void panel(Graphics2D g, List<EpochRecord> rs, int x0, int width, String title,
                              ToDoubleFunction<EpochRecord> f, Color color, boolean unit) {
        int left = x0 + PAD, right = x0 + width - 20, top = 40, bottom = H - PAD;
        g.setColor(Color.BLACK);
        g.drawString(title, left, 25);
        g.drawLine(left, bottom, right, bottom);
        g.drawLine(left, top, left, bottom);
        if (rs.isEmpty()) return;
        double min = unit ? 0 : Double.MAX_VALUE, max = unit ? 1 : -Double.MAX_VALUE;
        if (!unit) {
            for (EpochRecord r : rs) { min = Math.min(min, f.applyAsDouble(r)); max = Math.max(max, f.applyAsDouble(r)); }
            min = Math.min(0, min);
            if (max <= min) max = min + 1;
        }
        int n = rs.size();
        int lastEpoch = rs.get(n - 1).epoch(), firstEpoch = rs.get(0).epoch();
        int span = Math.max(1, lastEpoch - firstEpoch);
        for (int k = 0; k <= 4; k++) { // y ticks
            double v = min + (max - min) * k / 4;
            int y = bottom - (int) ((bottom - top) * k / 4.0);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(left + 1, y, right, y);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, unit ? "%.2f" : "%.0f", v), x0 + 5, y + 4);
        }
        g.drawString("epoch " + firstEpoch, left, bottom + 20);
        g.drawString("epoch " + lastEpoch, right - 60, bottom + 20);
        g.setColor(color);
        g.setStroke(new BasicStroke(2f));
        int px = -1, py = -1;
        for (EpochRecord r : rs) {
            int x = left + (int) ((right - left) * (double) (r.epoch() - firstEpoch) / span);
            int y = bottom - (int) ((bottom - top) * (f.applyAsDouble(r) - min) / (max - min));
            if (px >= 0) g.drawLine(px, py, x, y);
            g.fillOval(x - 3, y - 3, 6, 6);
            px = x;
            py = y;
        }
    }
}
