package org.bioner.training;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bioner.evaluation.SpanCounts;

/**
 * The per-corpus dev log of a multi-corpus run ({@link Trainer#DEV_LOG_FILE}): one row per epoch and dev corpus,
 * {@code epoch, corpus, dev_precision, dev_recall, dev_f1, tp, fp, fn}. An epoch's rows partition its dev
 * sentences, so their counts add up to the epoch's line of {@code training.tsv}; a resumed run keeps the rows of
 * the epochs its checkpoint has and rewrites the file after every epoch.
 */
final class CorpusDevLog {

    static final String HEADER = "epoch\tcorpus\tdev_precision\tdev_recall\tdev_f1\ttp\tfp\tfn";

    private final List<String> rows = new ArrayList<>();

    /** The rows of {@code file} up to {@code epochs} (none if the file does not exist). */
    static CorpusDevLog resume(Path file, int epochs) throws IOException {
        CorpusDevLog log = new CorpusDevLog();
        if (!Files.exists(file)) return log;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("epoch")) continue;
            if (Integer.parseInt(line.substring(0, line.indexOf('\t'))) <= epochs) log.rows.add(line);
        }
        return log;
    }

    void add(int epoch, Map<String, SpanCounts> byCorpus) {
        byCorpus.forEach((corpus, c) -> rows.add(String.format(Locale.ROOT, "%d\t%s\t%.4f\t%.4f\t%.4f\t%d\t%d\t%d", epoch,
                corpus, c.precision(), c.recall(), c.f1(), c.truePositives(), c.falsePositives(), c.falseNegatives())));
    }

    void write(Path file) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (String r : rows) sb.append(r).append('\n');
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }
}
