package org.bioner.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.bioner.embeddings.flair.CharLanguageModel;
import org.bioner.embeddings.flair.FlairLmImporter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bioner import-flair-lm}: converts a Flair language model {@code .pt} file into the project's model format. */
@Command(name = "import-flair-lm", mixinStandardHelpOptions = true,
        description = "Convert a Flair character LM (.pt, PyTorch zip or legacy format) into a bioner model file (.bnm).")
public final class ImportFlairLmCommand implements Callable<Integer> {

    @Option(names = "--in", required = true, description = "Flair LanguageModel file (.pt)")
    Path in;

    @Option(names = "--out", required = true, description = "bioner model file to write (.bnm)")
    Path out;

    @Option(names = "--half", description = "store the weights as float16 (half the size)")
    boolean half;

    @Override
    public Integer call() throws Exception {
        CharLanguageModel lm = FlairLmImporter.read(in);
        lm.write(out, half);
        System.out.printf("%s -> %s: %s LM, %d layer(s), hidden %d, char embedding %d, output %d, %d characters, decoder %s, "
                        + "%s, %,d bytes%n", in, out, lm.isForward() ? "forward" : "backward", lm.layers(), lm.hiddenSize(),
                lm.embeddingSize(), lm.outputSize(), lm.vocabularySize(), lm.hasDecoder() ? "yes" : "no",
                half ? "float16" : "float32", Files.size(out));
        return 0;
    }
}
