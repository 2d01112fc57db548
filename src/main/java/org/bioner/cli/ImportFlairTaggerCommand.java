package org.bioner.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.bioner.tagger.FlairTaggerImporter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bioner import-flair-tagger}: converts a Flair {@code SequenceTagger} checkpoint into the project's model
 * format: the tagger file and, next to it, its embeddings ({@code words-<digest>.bnm}, {@code flair-lm-<digest>.bnm}, shared
 * by taggers imported into the same folder), named by the tagger's spec.
 */
@Command(name = "import-flair-tagger", mixinStandardHelpOptions = true,
        description = {"Convert a Flair SequenceTagger checkpoint (.pt: Flair 0.5.1-0.12 / HunFlair v1 or Flair 0.13+, "
                + "PyTorch zip or legacy format; BiLSTM-CRF on Flair and word embeddings) into a bioner tagger model (.bnm).",
                "Writes OUT and its embeddings next to it (words-<digest>.bnm, flair-lm-<digest>.bnm: taggers imported into one "
                        + "folder share them, and one embedding pass). A .pt file is also "
                        + "accepted directly as a model (converted on every load); see docs/FLAIR_TAGGERS.md."})
public final class ImportFlairTaggerCommand implements Callable<Integer> {

    @Option(names = "--in", required = true, description = "Flair SequenceTagger checkpoint (.pt)")
    Path in;

    @Option(names = "--out", required = true, description = "bioner tagger model file to write (.bnm)")
    Path out;

    @Option(names = "--half", description = "store the weights and vectors as float16 (half the size; numbers then differ "
            + "from Flair's slightly)")
    boolean half;

    @Override
    public Integer call() throws Exception {
        FlairTaggerImporter.Conversion c;
        try {
            c = FlairTaggerImporter.read(in);
        } catch (IOException e) {
            System.err.println("bioner import-flair-tagger: " + e.getMessage()); // one line naming the file
            return 1;
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        c.write(out, half);
        System.out.printf("%s -> %s (%s, %,d bytes; embeddings beside it): %s%n", in, out, half ? "float16" : "float32",
                Files.size(out), c.description());
        return 0;
    }
}
