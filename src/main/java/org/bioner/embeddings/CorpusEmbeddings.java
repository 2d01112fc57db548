package org.bioner.embeddings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which corpus's annotation conventions to tag by, for a model trained on several corpora (a corpus-aware
 * mixing strategy): a one-hot vector over the corpora, the same for every token of a sentence. Spec
 * {@code corpus:NAME[,NAME...]:use=NAME}, always the last part of an embeddings spec
 * ({@link CorpusConditionedEmbeddings}).
 *
 * <p>In training ({@code training.Trainer}) a sentence gets the one-hot of its own corpus, the name of the folder
 * of the file it was read from ({@link #corpusOf}: {@code .../BC5CDR-chem/train.tsv} is {@code BC5CDR-chem}), so the
 * network can learn each corpus's conventions (boundaries, which words count as mentions) side by side instead of
 * averaging them. Everywhere else ({@link #embed}) every token gets the one-hot of {@code use}: the model tags as
 * that corpus annotates; {@code use=all} gives every token the mean of the one-hots ({@code 1/K} each), a
 * consensus of the corpora, for text like none of them.
 */
public final class CorpusEmbeddings implements TokenEmbeddings {

    public static final String KIND = "corpus";
    /** The {@code use} that tags by the mean of all the corpora's one-hots. */
    public static final String ALL = "all";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern ARGS = Pattern.compile("([^:]+):use=([^:]+)");

    private final List<String> names;
    private final int use;             // index into names, or -1 for ALL

    public CorpusEmbeddings(List<String> names, String use) {
        if (names.isEmpty()) throw new IllegalArgumentException("corpus embeddings need at least one corpus name");
        for (String n : names) {
            if (!NAME.matcher(n).matches()) {
                throw new IllegalArgumentException("corpus name '" + n + "' must be letters, digits, '.', '_' or '-'");
            }
        }
        if (new HashSet<>(names).size() != names.size()) throw new IllegalArgumentException("corpus names repeat: " + names);
        if (names.contains(ALL)) throw new IllegalArgumentException("'" + ALL + "' is reserved (use=" + ALL + "), not a corpus name");
        this.names = List.copyOf(names);
        this.use = this.names.indexOf(use);
        if (!knows(use)) throw new IllegalArgumentException("use=" + use + " is not one of the corpora " + names + " or " + ALL);
    }

    /** Whether {@code use=name} is possible: a corpus of this model, or {@link #ALL}. */
    public boolean knows(String name) {
        return ALL.equals(name) || names.contains(name);
    }

    /** The vector every token gets when tagging: {@code use}'s one-hot, or {@code 1/K} everywhere for {@link #ALL}. */
    public float[] useVector() {
        float[] v = new float[names.size()];
        if (use >= 0) v[use] = 1f;
        else Arrays.fill(v, 1f / names.size());
        return v;
    }

    /** Parses the arguments of a {@code corpus:} spec part, {@code NAME[,NAME...]:use=NAME}. */
    public static CorpusEmbeddings parse(String args) {
        Matcher m = ARGS.matcher(args);
        if (!m.matches()) {
            throw new IllegalArgumentException("bad corpus embeddings spec 'corpus:" + args + "' (want corpus:NAME[,NAME...]:use=NAME)");
        }
        return new CorpusEmbeddings(List.of(m.group(1).split(",", -1)), m.group(2));
    }

    /** The corpus a training file belongs to: the name of its folder, or null where the path has none. */
    public static String corpusOf(String source) {
        Path parent = source == null ? null : Path.of(source).getParent();
        return parent == null || parent.getFileName() == null ? null : parent.getFileName().toString();
    }

    /** The index of the corpus of a sentence read from {@code source}; fails naming the file where it is not one of ours. */
    public int indexOfSource(String source) {
        String c = corpusOf(source);
        int i = c == null ? -1 : names.indexOf(c);
        if (i < 0) {
            throw new IllegalArgumentException(source + ": its folder '" + c + "' is not one of the corpora of the embeddings spec "
                    + describe() + " (a sentence's corpus is the name of its file's folder)");
        }
        return i;
    }

    public List<String> names() {
        return names;
    }

    public String use() {
        return use >= 0 ? names.get(use) : ALL;
    }

    /** The same corpora, tagging by another one's conventions. */
    public CorpusEmbeddings using(String name) {
        return new CorpusEmbeddings(names, name);
    }

    @Override
    public int dimension() {
        return names.size();
    }

    @Override
    public List<float[][]> embed(List<List<String>> sentences) {
        float[] u = useVector();
        List<float[][]> out = new ArrayList<>(sentences.size());
        for (List<String> s : sentences) {
            float[][] v = new float[s.size()][];
            for (int t = 0; t < v.length; t++) v[t] = u.clone();
            out.add(v);
        }
        return out;
    }

    @Override
    public String describe() {
        return KIND + ":" + String.join(",", names) + ":use=" + use();
    }
}
