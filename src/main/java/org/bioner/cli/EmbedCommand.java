package org.bioner.cli;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import org.bioner.embeddings.StackedEmbeddings;
import org.bioner.embeddings.TokenEmbeddings;
import org.bioner.embeddings.flair.CharLanguageModel;
import org.bioner.embeddings.flair.ConcurrentStackedEmbeddings;
import org.bioner.embeddings.flair.FlairEmbeddings;
import org.bioner.embeddings.glove.GloveEmbeddings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bioner embed}: per-token vectors for a file of space-tokenised sentences (one a line), written as
 * {@code sentence_index<TAB>token_index<TAB>token<TAB>v1<TAB>...}; embeddings stacked in the order given
 * (all {@code --flair-lm} in order, then {@code --glove}).
 */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Write per-token embeddings (Flair LMs, optionally GloVe) of space-tokenised sentences as TSV.")
public final class EmbedCommand implements Callable<Integer> {

    @Option(names = "--embeddings", paramLabel = "SPEC",
            description = "embeddings spec as model files record it and train takes, e.g. flair:FWD.bnm+flair:BWD.bnm+glove:G.bnm (instead of --flair-lm/--glove)")
    String embeddingsSpec;

    @Option(names = "--flair-lm", description = "character LM: a Flair .pt file or a bioner .bnm model (repeatable, stacked in order)")
    List<Path> flairLms = new ArrayList<>();

    @Option(names = "--glove", description = "word vectors file (stacked after the Flair LMs)")
    Path glove;

    @Option(names = "--in", required = true, description = "UTF-8 text, one space-tokenised sentence per line")
    Path in;

    @Option(names = "--out", required = true, description = "TSV output")
    Path out;

    @Option(names = {"--num-threads", "--threads"}, description = "LM worker threads, shared by the LMs, which run side by side (default: all processors)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = {"--embedding-batch-size", "--batch"}, description = "sentences per worker batch (default ${DEFAULT-VALUE})")
    int batch = FlairEmbeddings.DEFAULT_BATCH;

    @Option(names = "--chunk", description = "sentences read and embedded at a time (default ${DEFAULT-VALUE})")
    int chunk = 2000;

    @picocli.CommandLine.Mixin
    DeviceOption device;

    @Override
    public Integer call() throws Exception {
        org.bioner.nn.Backend backend = device.open(); // cuda without a GPU: one line, before loading anything
        List<TokenEmbeddings> parts = new ArrayList<>();
        if (embeddingsSpec != null) {
            if (!flairLms.isEmpty() || glove != null) throw new IllegalArgumentException("give --embeddings or --flair-lm/--glove, not both");
            parts.add(org.bioner.embeddings.EmbeddingsLoader.load(embeddingsSpec, null));
        }
        List<CharLanguageModel> lms = new ArrayList<>();
        for (Path p : flairLms) lms.add(CharLanguageModel.load(p));
        if (!lms.isEmpty()) parts.add(ConcurrentStackedEmbeddings.ofLanguageModels(lms, threads, batch));
        if (glove != null) parts.add(GloveEmbeddings.load(glove));
        if (parts.isEmpty()) throw new IllegalArgumentException("give --embeddings, or at least one --flair-lm or --glove");
        TokenEmbeddings emb = parts.size() == 1 ? parts.get(0) : new StackedEmbeddings(parts);
        emb.useBackend(backend);
        List<String> lines = Files.readAllLines(in, StandardCharsets.UTF_8);
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            int index = 0;
            for (int from = 0; from < lines.size(); from += chunk) {
                List<List<String>> sentences = new ArrayList<>();
                for (String line : lines.subList(from, Math.min(lines.size(), from + chunk))) {
                    String t = line.strip();
                    if (t.isEmpty()) continue; // blank lines are not sentences
                    sentences.add(Arrays.asList(t.split(" +")));
                }
                List<float[][]> vectors = emb.embed(sentences);
                for (int s = 0; s < sentences.size(); s++, index++) {
                    for (int t = 0; t < sentences.get(s).size(); t++) {
                        StringBuilder b = new StringBuilder().append(index).append('\t').append(t).append('\t').append(sentences.get(s).get(t));
                        for (float v : vectors.get(s)[t]) b.append('\t').append(v);
                        w.write(b.append('\n').toString());
                    }
                }
            }
            System.err.printf("embed: %d sentences, %d dimensions (%s) -> %s%n", index, emb.dimension(), emb.describe(), out);
        }
        return 0;
    }
}
