package org.bioner.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.bioner.corpus.IobCorpusParser;
import org.bioner.corpus.TagScheme;
import org.bioner.corpus.TaggedSentence;
import org.bioner.embeddings.EmbeddingsLoader;
import org.bioner.embeddings.PooledEmbeddings;
import org.bioner.embeddings.TokenEmbeddings;
import org.bioner.embeddings.glove.GlovePretraining;
import org.bioner.embeddings.glove.WordVectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bioner pool-memory}: the fixed memory of pooled contextualized embeddings ({@link PooledEmbeddings}) from
 * training files, written as a word-vector file that {@code flair:LM:pooled=MEMORY} reads.
 */
@Command(name = "pool-memory", mixinStandardHelpOptions = true,
        description = {"Builds the memory of pooled Flair embeddings (Akbik et al. 2019): for every word form of the",
                "training files, the min, max or mean of its contextual vectors; written as word vectors (.bnm float16",
                "unless --float32) for the embeddings spec flair:LM:pooled=MEMORY. Devel and test files are refused."})
public final class PoolMemoryCommand implements Callable<Integer> {

    @Option(names = "--embeddings", required = true, paramLabel = "SPEC",
            description = "the contextual embeddings to pool, one character LM: flair:LOCATION (each sentence is read alone, without neighbouring-sentence context)")
    String embeddingsSpec;

    @Option(names = "--in", required = true, arity = "1..*", paramLabel = "FILE",
            description = "training files, token<TAB>tag per line (tags are not read); devel/test are refused")
    List<Path> in;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "memory file (.bnm)")
    Path out;

    @Option(names = "--pooling", defaultValue = "min", paramLabel = "min|max|mean",
            description = "how a form's vectors are pooled (default ${DEFAULT-VALUE}, Flair's)")
    String pooling;

    @Option(names = "--float32", description = "store the memory as float32 (default float16)")
    boolean float32;

    @Option(names = "--chunk", defaultValue = "2000", description = "sentences embedded at a time (default ${DEFAULT-VALUE})")
    int chunk;

    @Override
    public Integer call() throws Exception {
        PooledEmbeddings.Pooling how = PooledEmbeddings.Pooling.parse(pooling);
        GlovePretraining.checkTrainingSplit(in);
        if (embeddingsSpec.contains("+") || embeddingsSpec.contains(":pooled=")) {
            throw new IllegalArgumentException("--embeddings: give one character LM (flair:LOCATION), not '" + embeddingsSpec + "'");
        }
        TokenEmbeddings context = EmbeddingsLoader.load(embeddingsSpec, null);
        IobCorpusParser parser = new IobCorpusParser(IobCorpusParser.Format.BIOBERT, TagScheme.IOB2, "Entity", false);
        List<List<String>> sentences = new ArrayList<>();
        for (Path f : in) {
            for (TaggedSentence s : parser.parse(f)) sentences.add(s.tokens());
        }
        long t0 = System.nanoTime();
        int total = sentences.size();
        WordVectors memory = PooledEmbeddings.buildMemory(context, sentences, how, chunk, done ->
                System.err.printf(Locale.ROOT, "pool-memory: %,d / %,d sentences (%.0f s)%n", done, total, (System.nanoTime() - t0) / 1e9));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("pooled.embeddings", context.describe());
        meta.put("pooled.pooling", how.name().toLowerCase(Locale.ROOT));
        meta.put("pooled.sentences", Integer.toString(total));
        List<String> names = new ArrayList<>();
        for (Path f : in) names.add(f.toString());
        meta.put("pooled.files", String.join(" ", names));
        GlovePretraining.write(memory, out, !float32, meta);
        System.out.printf(Locale.ROOT, "wrote %s: %,d word forms x %d (%s pooling of %s over %,d sentences)%n",
                out, memory.size(), memory.dimension(), meta.get("pooled.pooling"), context.describe(), total);
        return 0;
    }
}
