package org.bioner.cli;

import org.bioner.embeddings.glove.NearestNeighbours;
import org.bioner.embeddings.glove.WordVectorFiles;
import org.bioner.embeddings.glove.WordVectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code bioner glove-neighbours}: cosine nearest neighbours of given words, a quick quality check of word vectors. */
@Command(name = "glove-neighbours", mixinStandardHelpOptions = true,
        description = {"Prints the cosine nearest neighbours of words in a word-vector file",
                "(GloVe text, word2vec text/binary or .bnm). A word is looked up as the tagger does",
                "(exact, lower case, digits as # or 0). Output: a Markdown table."})
public final class GloveNeighboursCommand implements Callable<Integer> {

    @Option(names = "--vectors", required = true, paramLabel = "FILE", description = "word-vector file")
    Path vectors;

    @Option(names = "--words", required = true, split = ",", paramLabel = "WORD",
            description = "words to look up (comma-separated or repeated)")
    List<String> words;

    @Option(names = "-k", defaultValue = "8", description = "neighbours per word (default ${DEFAULT-VALUE})")
    int k;

    @Override
    public Integer call() throws Exception {
        WordVectors v = WordVectorFiles.read(vectors);
        NearestNeighbours nn = new NearestNeighbours(v);
        System.out.printf("%s: %,d words, %d dimensions%n%n", vectors, v.size(), v.dimension());
        System.out.println("| word | nearest neighbours (cosine) |");
        System.out.println("|---|---|");
        for (String w : words) {
            int row = v.lookup(w);
            if (row < 0) {
                System.out.println("| " + w + " | (not in the vocabulary) |");
                continue;
            }
            StringBuilder b = new StringBuilder();
            for (NearestNeighbours.Neighbour n : nn.of(row, k)) {
                if (b.length() > 0) b.append(", ");
                b.append(n.word()).append(String.format(Locale.ROOT, " (%.2f)", n.cosine()));
            }
            String shown = v.word(row).equals(w) ? w : w + " → " + v.word(row);
            System.out.println("| " + shown + " | " + b + " |");
        }
        return 0;
    }
}
