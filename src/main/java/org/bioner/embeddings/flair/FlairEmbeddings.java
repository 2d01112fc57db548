package org.bioner.embeddings.flair;

import java.util.ArrayList;
import java.util.List;

import org.bioner.corpus.SentenceContext;
import org.bioner.embeddings.TokenEmbeddings;
import org.bioner.nn.Backend;
import org.bioner.nn.Backends;

/**
 * Flair's contextual string embeddings from one character LM (FlairEmbeddings with
 * {@code with_whitespace=True}): the LM reads {@code delimiter + tokens joined by " " + " "} (the
 * backward LM reads the text reversed); a token's vector is the forward LM's output at the space after
 * the token, or the backward LM's output at the space before it. Positions count Unicode code points,
 * as Python strings do. Stack a forward and a backward instance for the paper's embeddings.
 *
 * <p>With {@code contextChars > 0} (spec {@code flair:LOCATION:context=N}; not in Flair) the LM also reads
 * the document around the sentence, where the caller passes it ({@link SentenceContext}): the forward LM
 * reads the last whole tokens of the previous sentence that fit in N characters, then a space, before the
 * sentence; the backward LM reads the first whole tokens of the next sentence that fit, reversed, then a
 * space, before the reversed sentence. Either way the sequence is {@code delimiter + context + " " + text + " "}
 * and only the positions of the sentence's own tokens are returned, so a sentence without context (or a
 * provider with N = 0) gets exactly Flair's vectors.
 */
public final class FlairEmbeddings implements TokenEmbeddings {

    /** Default number of sentences one worker runs side by side. */
    public static final int DEFAULT_BATCH = 512;

    private final CharLanguageModel lm;
    private final CharLmRunner runner;
    private final int batch;
    private final int contextChars;            // 0: each sentence alone, as Flair
    private volatile Backend backend = Backends.cpu();
    private volatile DeviceCharLm device;      // made on the first non-CPU use

    public FlairEmbeddings(CharLanguageModel lm) {
        this(lm, Runtime.getRuntime().availableProcessors(), DEFAULT_BATCH, 0);
    }

    public FlairEmbeddings(CharLanguageModel lm, int threads, int batch) {
        this(lm, threads, batch, 0);
    }

    /** @param contextChars most characters of the neighbouring sentence the LM reads (0: none, as Flair) */
    public FlairEmbeddings(CharLanguageModel lm, int threads, int batch, int contextChars) {
        if (contextChars < 0) throw new IllegalArgumentException("context must be >= 0 characters, was " + contextChars);
        this.lm = lm;
        this.runner = new CharLmRunner(lm, threads, batch);
        this.batch = batch;
        this.contextChars = contextChars;
    }

    /**
     * The LM runs on {@code b} from now on: {@link Backends#cpu()} (the default) runs {@link CharLmRunner};
     * any other backend (the GPU) runs the same computation as backend calls ({@link DeviceCharLm}).
     */
    @Override
    public synchronized void useBackend(Backend b) {
        Backend next = b == null ? Backends.cpu() : b;
        if (next != Backends.cpu() && device == null) device = new DeviceCharLm(runner, batch);
        this.backend = next;
    }

    public CharLanguageModel model() {
        return lm;
    }

    /** Most characters of the neighbouring sentence read as context (0: none). */
    public int contextChars() {
        return contextChars;
    }

    @Override
    public int dimension() {
        return lm.outputSize();
    }

    @Override
    public List<float[][]> embed(List<List<String>> sentences) {
        return embed(sentences, null);
    }

    @Override
    public List<float[][]> embed(List<List<String>> sentences, List<SentenceContext> context) {
        int n = sentences.size();
        if (context != null && context.size() != n) {
            throw new IllegalArgumentException(context.size() + " contexts for " + n + " sentences");
        }
        int[][] seqs = new int[n][];
        int[][] pos = new int[n][];
        int[] delim = lm.documentDelimiter.codePoints().toArray();
        for (int s = 0; s < n; s++) {
            List<String> tokens = sentences.get(s);
            int[] text = joined(tokens);
            int[] before = contextChars == 0 || context == null ? new int[0]
                    : lm.forward ? joined(fitting(context.get(s).previous(), true))
                    : reversed(joined(fitting(context.get(s).next(), false)));
            int prefix = delim.length + (before.length == 0 ? 0 : before.length + 1);
            int textLen = text.length;
            int[] seq = new int[prefix + textLen + 1];
            for (int i = 0; i < delim.length; i++) seq[i] = lm.indexOf(delim[i]);
            for (int i = 0; i < before.length; i++) seq[delim.length + i] = lm.indexOf(before[i]);
            if (before.length > 0) seq[prefix - 1] = lm.indexOf(' ');
            for (int i = 0; i < textLen; i++) {
                int cp = lm.forward ? text[i] : text[textLen - 1 - i];
                seq[prefix + i] = lm.indexOf(cp);
            }
            seq[seq.length - 1] = lm.indexOf(' ');
            seqs[s] = seq;
            int[] p = new int[tokens.size()];
            int offF = prefix, offB = textLen + prefix;
            for (int t = 0; t < tokens.size(); t++) {
                int len = tokens.get(t).codePointCount(0, tokens.get(t).length());
                offF += len;
                // backward positions descend along the sentence: store them reversed so they ascend
                if (lm.forward) p[t] = offF; else p[tokens.size() - 1 - t] = offB;
                offF += 1;
                offB -= 1 + len;
            }
            pos[s] = p;
        }
        Backend b = backend;
        float[][][] states = b == Backends.cpu() ? runner.run(seqs, pos) : device.run(b, seqs, pos);
        List<float[][]> out = new ArrayList<>(n);
        for (int s = 0; s < n; s++) {
            float[][] v = states[s];
            if (!lm.forward) {
                for (int i = 0, j = v.length - 1; i < j; i++, j--) {
                    float[] x = v[i];
                    v[i] = v[j];
                    v[j] = x;
                }
            }
            out.add(v);
        }
        return out;
    }

    /** Tokens joined by single spaces, as code points. */
    private static int[] joined(List<String> tokens) {
        return String.join(" ", tokens).codePoints().toArray();
    }

    private static int[] reversed(int[] a) {
        int[] r = new int[a.length];
        for (int i = 0; i < a.length; i++) r[i] = a[a.length - 1 - i];
        return r;
    }

    /**
     * The whole tokens of a neighbouring sentence nearest to this one whose joined text fits in
     * {@code contextChars}: its last tokens ({@code fromEnd}, the previous sentence) or its first.
     */
    private List<String> fitting(List<String> neighbour, boolean fromEnd) {
        int used = -1, k = 0;
        while (k < neighbour.size()) {
            String t = neighbour.get(fromEnd ? neighbour.size() - 1 - k : k);
            int next = used + 1 + t.codePointCount(0, t.length());
            if (next > contextChars) break;
            used = next;
            k++;
        }
        return fromEnd ? neighbour.subList(neighbour.size() - k, neighbour.size()) : neighbour.subList(0, k);
    }

    @Override
    public String describe() {
        return "flair-" + (lm.forward ? "forward" : "backward") + ":" + lm.origin()
                + (contextChars > 0 ? ":context=" + contextChars : "");
    }
}
