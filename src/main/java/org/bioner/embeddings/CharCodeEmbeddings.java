package org.bioner.embeddings;

import java.util.ArrayList;
import java.util.List;

/**
 * The characters of each token as numbers, for a tagger that learns its own character-level word features
 * ({@code tagger.CharWordEncoder}, Flair's {@code CharacterEmbeddings}): not features themselves, so a tagger whose
 * spec has this part reads these {@code L} inputs as character codes and feeds them to its character BiLSTM, never to
 * its reprojection. Spec: {@code chars:L}, after every feature part and before a {@code corpus:} part.
 *
 * <p>Layout of a token's {@code L} values: its code points in order, each as {@link #code}; a token longer than
 * {@code L} keeps its first {@code L/2} and its last {@code L - L/2} characters (prefixes and suffixes such as
 * "-itis" and "-ase" are where the type shows); the rest is 0. Every code is an integer from 0 to {@link #OTHER}, so
 * it survives the float16 embedding cache exactly (float16 holds every integer up to 2048).
 */
public final class CharCodeEmbeddings implements TokenEmbeddings {

    public static final String KIND = "chars";
    /** The code of every code point at or above it (and of U+0000): "another character". */
    public static final int OTHER = 2048;
    /** Codes run from 0 (padding) to {@link #OTHER}. */
    public static final int VOCABULARY = OTHER + 1;

    private final int length;

    public CharCodeEmbeddings(int length) {
        if (length < 2 || length > 256) {
            throw new IllegalArgumentException("chars:L needs L from 2 to 256 characters per token, got " + length);
        }
        this.length = length;
    }

    /** The code of one code point: itself from 1 to 2047, else {@link #OTHER}. */
    public static int code(int codePoint) {
        return codePoint >= 1 && codePoint < OTHER ? codePoint : OTHER;
    }

    /** The {@code L} codes of one token (see the class comment). */
    public float[] codes(String token) {
        int[] cps = token.codePoints().toArray();
        float[] v = new float[length];
        if (cps.length <= length) {
            for (int i = 0; i < cps.length; i++) v[i] = code(cps[i]);
        } else {
            int head = length / 2, tail = length - head;
            for (int i = 0; i < head; i++) v[i] = code(cps[i]);
            for (int i = 0; i < tail; i++) v[head + i] = code(cps[cps.length - tail + i]);
        }
        return v;
    }

    /**
     * How many characters {@code v[offset .. offset + length)} holds: the codes up to the first 0 (a token's codes,
     * as {@link #codes} writes them).
     */
    public static int characters(float[] v, int offset, int length) {
        int n = 0;
        while (n < length && v[offset + n] != 0f) n++;
        return n;
    }

    @Override
    public int dimension() {
        return length;
    }

    @Override
    public List<float[][]> embed(List<List<String>> sentences) {
        List<float[][]> out = new ArrayList<>(sentences.size());
        for (List<String> s : sentences) {
            float[][] m = new float[s.size()][];
            for (int t = 0; t < m.length; t++) m[t] = codes(s.get(t));
            out.add(m);
        }
        return out;
    }

    @Override
    public String describe() {
        return KIND + ":" + length;
    }

    /**
     * The {@code L} of a spec's {@code chars:L} part, or 0 when it has none. The part must be the last before an
     * optional {@code corpus:} part, so that the codes are the inputs just before the corpus one-hot.
     */
    public static int codesIn(String spec) {
        String base = CorpusConditionedEmbeddings.corpusPart(spec) == null ? spec : CorpusConditionedEmbeddings.baseSpec(spec);
        String[] parts = base.split("\\+");
        int found = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            if (!p.startsWith(KIND + ":")) continue;
            if (i != parts.length - 1) {
                throw new IllegalArgumentException("the chars: part of an embeddings spec must come after every feature part"
                        + " (last, or just before corpus:): '" + spec + "'");
            }
            found = parse(p);
        }
        return found;
    }

    /** The spec without its {@code chars:} part (the feature parts, and a {@code corpus:} part if it has one). */
    public static String withoutCodes(String spec) {
        List<String> kept = new ArrayList<>();
        for (String p : spec.split("\\+")) if (!p.trim().startsWith(KIND + ":")) kept.add(p);
        return String.join("+", kept);
    }

    /**
     * {@code spec} (without a {@code chars:} part) with a {@code chars:L} part where the part goes: last, or just
     * before a {@code corpus:} part. The inverse of {@link #withoutCodes} for such a spec.
     */
    public static String withCodes(String spec, int length) {
        if (codesIn(spec) != 0) throw new IllegalArgumentException("the spec already has a chars: part: '" + spec + "'");
        String part = KIND + ":" + length;
        CorpusEmbeddings corpus = CorpusConditionedEmbeddings.corpusPart(spec);
        if (corpus == null) return spec + "+" + part;
        String base = CorpusConditionedEmbeddings.baseSpec(spec);
        return base + "+" + part + spec.substring(base.length());
    }

    /**
     * {@code base}'s vectors of {@code sentences} with each token's codes (as stacking this part after them gives) and
     * then {@code after} (e.g. a corpus one-hot; empty for none) after them, each token's vector written once.
     */
    public List<float[][]> appendTo(List<float[][]> base, List<List<String>> sentences, float[] after) {
        List<float[][]> out = new ArrayList<>(base.size());
        for (int s = 0; s < base.size(); s++) {
            float[][] b = base.get(s);
            float[][] v = new float[b.length][];
            for (int t = 0; t < b.length; t++) {
                int d = b[t].length;
                v[t] = java.util.Arrays.copyOf(b[t], d + length + after.length);
                System.arraycopy(codes(sentences.get(s).get(t)), 0, v[t], d, length);
                System.arraycopy(after, 0, v[t], d + length, after.length);
            }
            out.add(v);
        }
        return out;
    }

    static int parse(String part) {
        try {
            return Integer.parseInt(part.substring(KIND.length() + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad chars spec '" + part + "' (want chars:L, e.g. chars:24)");
        }
    }
}
