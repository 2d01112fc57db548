package org.bioner.cli;

import org.bioner.embeddings.glove.GlovePretraining;
import org.bioner.embeddings.glove.WordVectorFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code bioner convert-vectors}: converts word vectors between formats, e.g. a GloVe .txt to a fast-loading .bnm. */
@Command(name = "convert-vectors", mixinStandardHelpOptions = true,
        description = {"Converts word vectors between formats (input sniffed: GloVe text, word2vec text/binary, .bnm;",
                "output by extension: .txt GloVe text, .vec word2vec text, .bin word2vec binary, else .bnm).",
                "A .bnm loads several times faster than text; prints the time taken to read the input."})
public final class ConvertVectorsCommand implements Callable<Integer> {

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "input vectors")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "output vectors")
    Path out;

    @Option(names = "--float32", description = "store .bnm output as float32 (default float16)")
    boolean float32;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        WordVectorFiles.Loaded l = WordVectorFiles.readWithFormat(in);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "read %s (%s): %,d words x %d in %.2f s%n", in, l.format(), l.vectors().size(),
                l.vectors().dimension(), s);
        GlovePretraining.write(l.vectors(), out, !float32, Map.of("converted.from", in.getFileName().toString()));
        System.out.println("wrote " + out);
        return 0;
    }
}
