package org.bioner.training;

import java.util.Locale;

/** One line of the training log. */
public record EpochRecord(int epoch, double loss, double devPrecision, double devRecall, double devF1, double lr,
                          double tokensPerSecond, double seconds) {

    public static final String HEADER = "epoch\tloss\tdev_precision\tdev_recall\tdev_f1\tlr\ttokens_per_s\tseconds";

    public String toTsv() {
        return String.format(Locale.ROOT, "%d\t%.6f\t%.4f\t%.4f\t%.4f\t%.6g\t%.1f\t%.2f",
                epoch, loss, devPrecision, devRecall, devF1, lr, tokensPerSecond, seconds);
    }

    public static EpochRecord parse(String line) {
        String[] f = line.split("\t");
        return new EpochRecord(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]),
                Double.parseDouble(f[6]), Double.parseDouble(f[7]));
    }
}
