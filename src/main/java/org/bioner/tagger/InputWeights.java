package org.bioner.tagger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bioner.embeddings.CharCodeEmbeddings;
import org.bioner.embeddings.TokenEmbeddings;
import org.bioner.nn.LinearLayer;
import org.bioner.nn.LstmLayer;

/**
 * How strongly a tagger's BiLSTM reads each of its inputs: for network input {@code i}, the L2 norm of row {@code i}
 * of the linear map from the network's input row to an LSTM's gate pre-activations, {@code W_rp W_ih} (reprojection
 * {@code [D', D']} times input weights {@code [D', 4H]}; {@code W_ih} alone without a reprojection), per direction.
 * An input whose norm is 0 cannot change what the tagger predicts (a widened copy's new inputs, {@link
 * SequenceTagger#withCharacterFeatures}); comparing one embedding part's mean norm between two models tells whether
 * training learned to use it. Norms are not scaled by the inputs' magnitudes, so parts of different kinds (a Flair LM
 * and GloVe) compare only loosely within one model. The first network of an ensemble is measured.
 */
public final class InputWeights {

    /** One embedding part's network inputs: how many rows, and their mean norms for the forward and backward LSTM. */
    public record Part(String name, int rows, double forward, double backward) { }

    private InputWeights() { }

    /** The norm of each network input's row of the map to each direction's gates: {@code [direction][input]}. */
    public static double[][] rowNorms(SequenceTagger t) {
        LstmLayer[] lstms = {t.lstmForward, t.lstmBackward};
        double[][] norms = new double[2][];
        for (int d = 0; d < 2; d++) norms[d] = rowNorms(t.reproject, lstms[d]);
        return norms;
    }

    private static double[] rowNorms(LinearLayer reproject, LstmLayer lstm) {
        int n = lstm.inputSize(), gates = 4 * lstm.hiddenSize();
        float[] ih = lstm.weightIh().values(); // [n, 4H]
        float[] rp = reproject == null ? null : reproject.weight().values(); // [n, n]
        double[] norms = new double[n];
        double[] row = new double[gates];
        for (int i = 0; i < n; i++) {
            if (rp == null) {
                for (int j = 0; j < gates; j++) row[j] = ih[i * gates + j];
            } else {
                Arrays.fill(row, 0);
                for (int k = 0; k < n; k++) {
                    float w = rp[i * n + k];
                    if (w == 0f) continue;
                    for (int j = 0; j < gates; j++) row[j] += w * ih[k * gates + j];
                }
            }
            double s = 0;
            for (double v : row) s += v * v;
            norms[i] = Math.sqrt(s);
        }
        return norms;
    }

    /**
     * {@link #rowNorms} averaged over each embedding part's network inputs, in the network's order: each feature part
     * its own dimension, a {@code chars:} part the character encoder's features (not its codes), a corpus one-hot one
     * input per corpus. Loads the tagger's embeddings for the parts' widths.
     */
    public static List<Part> byPart(SequenceTagger t) throws IOException {
        double[][] norms = rowNorms(t);
        List<Part> parts = new ArrayList<>();
        int row = 0;
        for (TokenEmbeddings e : t.embeddings().parts()) {
            int rows = e instanceof CharCodeEmbeddings ? t.chars.width() : e.dimension();
            double f = 0, b = 0;
            for (int i = row; i < row + rows; i++) {
                f += norms[0][i];
                b += norms[1][i];
            }
            parts.add(new Part(e.describe(), rows, f / rows, b / rows));
            row += rows;
        }
        if (row != norms[0].length) {
            throw new IllegalStateException("the embedding parts give " + row + " network inputs, the LSTMs read " + norms[0].length);
        }
        return parts;
    }
}
