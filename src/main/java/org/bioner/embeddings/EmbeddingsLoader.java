package org.bioner.embeddings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bioner.embeddings.flair.CharLanguageModel;
import org.bioner.embeddings.flair.ConcurrentStackedEmbeddings;
import org.bioner.embeddings.flair.FlairEmbeddings;
import org.bioner.embeddings.glove.GloveEmbeddings;
import org.bioner.embeddings.glove.WordVectorFiles;
import org.bioner.model.ModelArchive;
import org.bioner.model.ResourceLocation;

/**
 * Builds the {@link TokenEmbeddings} named by a spec string, as recorded in tagger models:
 * {@code KIND:ARGS}, several joined by {@code +} stack in that order (e.g.
 * {@code flair:models/lm-fwd.bnm+flair:models/lm-bwd.bnm+glove:models/glove.bnm}).
 *
 * <p>Kinds: {@code random:DIM[:seed=S]} (a fixed random vector per token string, for tests and benchmarks),
 * {@code glove:LOCATION} (word vectors in any format {@link GloveEmbeddings} reads) and
 * {@code flair:LOCATION[:context=N][:pooled=MEMORY]} (a forward or backward character LM, {@code .bnm} or Flair
 * {@code .pt}; with {@code context=N} it also reads up to N characters of the neighbouring sentence,
 * {@link FlairEmbeddings}; with {@code pooled=MEMORY} each vector is followed by its word form's pooled vector from
 * the word-vector file MEMORY, {@link PooledEmbeddings}, made by {@code bioner pool-memory});
 * {@code chars:L}, each token's characters as codes for a tagger's own character BiLSTM ({@link CharCodeEmbeddings}:
 * after every feature part); and last, {@code corpus:NAME[,NAME...]:use=NAME}, the corpus whose conventions a multi-corpus model tags by
 * ({@link CorpusEmbeddings}, {@link CorpusConditionedEmbeddings}).
 * Locations resolve by {@link ResourceLocation}'s rule (a file, relative to the CWD or the model's directory,
 * else a classpath resource).
 */
public final class EmbeddingsLoader {

    private static final String WHAT = "embeddings location";
    private static final Pattern FLAIR_CONTEXT = Pattern.compile("(.+):context=([0-9]+)");
    private static final Pattern FLAIR_POOLED = Pattern.compile("(.+?):pooled=(.+)");

    private EmbeddingsLoader() { }

    /** Loads a spec; relative locations are tried against the CWD, then {@code baseDir} (may be null), then the classpath. */
    public static TokenEmbeddings load(String spec, Path baseDir) throws IOException {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty embeddings spec");
        }
        CorpusEmbeddings corpus = CorpusConditionedEmbeddings.corpusPart(spec);
        if (corpus != null) return new CorpusConditionedEmbeddings(load(CorpusConditionedEmbeddings.baseSpec(spec), baseDir), corpus);
        List<TokenEmbeddings> parts = new ArrayList<>();
        int flair = 0;
        for (String part : spec.split("\\+")) {
            TokenEmbeddings e = loadOne(part.trim(), baseDir);
            parts.add(e);
            if (e instanceof FlairEmbeddings || e instanceof PooledEmbeddings) flair++;
        }
        if (parts.size() == 1) return parts.get(0);
        // forward and backward LMs are the expensive parts: run them side by side, one core each
        return flair > 1 ? new ConcurrentStackedEmbeddings(parts) : new StackedEmbeddings(parts);
    }

    private static TokenEmbeddings loadOne(String spec, Path baseDir) throws IOException {
        int colon = spec.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("embeddings spec '" + spec + "' is not KIND:ARGS (e.g. random:1124:seed=1)");
        }
        String kind = spec.substring(0, colon);
        String args = spec.substring(colon + 1);
        switch (kind) {
            case "random":
                return random(spec, args);
            case "glove":
                try (InputStream in = ResourceLocation.resolve(args, baseDir, WHAT).open()) {
                    return GloveEmbeddings.load(in, args);
                }
            case "flair": {
                Matcher pooled = FLAIR_POOLED.matcher(args);
                if (pooled.matches()) {
                    TokenEmbeddings lm = loadOne(kind + ":" + pooled.group(1), baseDir);
                    String memory = pooled.group(2);
                    try (InputStream in = ResourceLocation.resolve(memory, baseDir, WHAT).open()) {
                        return new PooledEmbeddings(lm, WordVectorFiles.readWithFormat(in, memory).vectors(), memory);
                    }
                }
                Matcher m = FLAIR_CONTEXT.matcher(args);
                int context = 0;
                if (m.matches()) {
                    args = m.group(1);
                    try {
                        context = Integer.parseInt(m.group(2));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("bad context in embeddings spec '" + spec + "' (want flair:LOCATION:context=N)");
                    }
                }
                return new FlairEmbeddings(languageModel(args, baseDir), 1, FlairEmbeddings.DEFAULT_BATCH, context);
            }
            case CharCodeEmbeddings.KIND:
                return new CharCodeEmbeddings(CharCodeEmbeddings.parse(spec));
            case CorpusEmbeddings.KIND:
                throw new IllegalArgumentException("the corpus part of an embeddings spec must come last: '" + spec + "'");
            default:
                throw new IllegalArgumentException("unknown embeddings kind '" + kind + "' in spec '" + spec
                        + "' (this build knows: random, glove, flair, chars, corpus)");
        }
    }

    /** A character LM from a file ({@code .pt} or {@code .bnm}) or a classpath {@code .bnm} ({@link ResourceLocation}). */
    public static CharLanguageModel languageModel(String location, Path baseDir) throws IOException {
        ResourceLocation where = ResourceLocation.resolve(location, baseDir, WHAT);
        if (where.file() != null) return CharLanguageModel.load(where.file());
        try (InputStream in = where.open()) {
            return CharLanguageModel.read(ModelArchive.open(in, location, CharLanguageModel.KIND));
        }
    }

    private static TokenEmbeddings random(String spec, String args) {
        String[] f = args.split(":");
        try {
            int dim = Integer.parseInt(f[0]);
            long seed = 1;
            for (int i = 1; i < f.length; i++) {
                if (f[i].startsWith("seed=")) {
                    seed = Long.parseLong(f[i].substring(5));
                } else {
                    throw new IllegalArgumentException("unknown option '" + f[i] + "'");
                }
            }
            return new RandomEmbeddings(dim, seed);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad random embeddings spec '" + spec + "' (want random:DIM[:seed=S]): " + e.getMessage(), e);
        }
    }
}
