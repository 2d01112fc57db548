package org.bioner.embeddings.flair;

import java.util.ArrayList;
import java.util.List;

import org.bioner.embeddings.TokenEmbeddings;
import org.bioner.nn.Backend;
import org.bioner.nn.Backends;

/**
 * Flair's contextual string embeddings from one character LM (FlairEmbeddings with
 * {@code with_whitespace=True}): the LM reads {@code delimiter + tokens joined by " " + " "} (the
 * backward LM reads the text reversed); a token's vector is the forward LM's output at the space after
 * the token, or the backward LM's output at the space before it. Positions count Unicode code points,
 * as Python strings do. Stack a forward and a backward instance for the paper's embeddings.
 */
public final class FlairEmbeddings implements TokenEmbeddings {

    /** Default number of sentences one worker runs side by side. */
    public static final int DEFAULT_BATCH = 512;

    private final CharLmRunner runner;
    private final CharLanguageModel lm;
    private final int batch;
    private volatile Backend backend = Backends.cpu();
    private volatile DeviceCharLm device;      // made on the first non-CPU use

    public FlairEmbeddings(CharLanguageModel lm) {
        this(lm, Runtime.getRuntime().availableProcessors(), DEFAULT_BATCH);
    }

    public FlairEmbeddings(CharLanguageModel lm, int threads, int batch) {
        this.lm = lm;
        this.runner = new CharLmRunner(lm, threads, batch);
        this.batch = batch;
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

    @Override
    public int dimension() {
        return lm.outputSize();
    }

    @Override
    public List<float[][]> embed(List<List<String>> sentences) {
        int n = sentences.size();
        int[][] seqs = new int[n][];
        int[][] pos = new int[n][];
        int[] delim = lm.documentDelimiter.codePoints().toArray();
        for (int s = 0; s < n; s++) {
            List<String> tokens = sentences.get(s);
            int[][] tokCps = new int[tokens.size()][];
            int textLen = Math.max(0, tokens.size() - 1);
            for (int t = 0; t < tokens.size(); t++) {
                tokCps[t] = tokens.get(t).codePoints().toArray();
                textLen += tokCps[t].length;
            }
            int[] text = new int[textLen];
            for (int t = 0, o = 0; t < tokens.size(); t++) {
                if (t > 0) text[o++] = ' ';
                System.arraycopy(tokCps[t], 0, text, o, tokCps[t].length);
                o += tokCps[t].length;
            }
            int[] seq = new int[delim.length + textLen + 1];
            for (int i = 0; i < delim.length; i++) seq[i] = lm.indexOf(delim[i]);
            for (int i = 0; i < textLen; i++) {
                int cp = lm.forward ? text[i] : text[textLen - 1 - i];
                seq[delim.length + i] = lm.indexOf(cp);
            }
            seq[seq.length - 1] = lm.indexOf(' ');
            seqs[s] = seq;
            int[] p = new int[tokens.size()];
            int offF = delim.length, offB = textLen + delim.length;
            for (int t = 0; t < tokens.size(); t++) {
                offF += tokCps[t].length;
                // backward positions descend along the sentence: store them reversed so they ascend
                if (lm.forward) p[t] = offF; else p[tokens.size() - 1 - t] = offB;
                offF += 1;
                offB -= 1 + tokCps[t].length;
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

    @Override
    public String describe() {
        return "flair-" + (lm.forward ? "forward" : "backward") + ":" + lm.origin();
    }
}
