package org.bioner.embeddings.flair;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Builds a {@link CharLanguageModel} from a Flair {@code LanguageModel.save()} file, or from the LM inside a Flair tagger. */
public final class FlairLmImporter {

    private FlairLmImporter() {
    }

    public static CharLanguageModel read(Path file) throws IOException {
        Object top = TorchCheckpoint.load(file);
        if (!(top instanceof Map<?, ?> m)) throw new IOException(file + ": not a Flair language model (top object is not a dict)");
        if (!m.containsKey("state_dict")) throw new IOException(file + ": not a Flair language model (no 'state_dict')");
        return fromParams(file, m, (Map<?, ?>) m.get("state_dict"), "");
    }

    /**
     * Builds a model from Flair's LM hyperparameters ({@code LanguageModel.save()}'s dict, the {@code __dict__} of a
     * pickled {@code LanguageModel}, or a 0.13 {@code FlairEmbeddings}' {@code model_params}: dictionary,
     * is_forward_lm, hidden_size, nlayers, embedding_size, nout, document_delimiter, dropout, recurrent_type)
     * and the weights under {@code prefix} in a state dict ({@code ""} in an LM file,
     * {@code "embeddings.list_embedding_1.lm."} in a tagger).
     */
    public static CharLanguageModel fromParams(Path file, Map<?, ?> m, Map<?, ?> sd, String prefix) throws IOException {
        for (String key : List.of("dictionary", "is_forward_lm", "hidden_size", "nlayers", "embedding_size")) {
            if (!m.containsKey(key)) throw new IOException(file + ": not a Flair language model (no '" + key + "')");
        }
        Object rt = m.get("recurrent_type");
        if (rt != null && !"LSTM".equals(rt)) throw new IOException(file + ": recurrent_type " + rt + " is not supported (only LSTM)");
        int hidden = intOf(m.get("hidden_size"));
        int layers = intOf(m.get("nlayers"));
        int emb = intOf(m.get("embedding_size"));
        int nout = m.get("nout") == null ? 0 : intOf(m.get("nout"));
        boolean forward = Boolean.TRUE.equals(m.get("is_forward_lm"));
        String delimiter = m.get("document_delimiter") == null ? "\n" : String.valueOf(m.get("document_delimiter"));
        double dropout = m.get("dropout") instanceof Number d ? d.doubleValue() : 0.0;
        if (!(m.get("dictionary") instanceof TorchCheckpoint.PickledDictionary dict)) {
            throw new IOException(file + ": 'dictionary' is not a flair.data.Dictionary");
        }
        List<String> items = dictionaryItems(file, dict.state());
        float[][] wih = new float[layers][], whh = new float[layers][], bih = new float[layers][], bhh = new float[layers][];
        for (int l = 0; l < layers; l++) {
            wih[l] = tensor(file, sd, prefix + "rnn.weight_ih_l" + l);
            whh[l] = tensor(file, sd, prefix + "rnn.weight_hh_l" + l);
            bih[l] = tensor(file, sd, prefix + "rnn.bias_ih_l" + l);
            bhh[l] = tensor(file, sd, prefix + "rnn.bias_hh_l" + l);
        }
        boolean dec = sd.containsKey(prefix + "decoder.weight");
        try {
            return new CharLanguageModel(forward, hidden, layers, emb, nout, delimiter, dropout, items, tensor(file, sd, prefix + "encoder.weight"),
                    wih, whh, bih, bhh, nout > 0 ? tensor(file, sd, prefix + "proj.weight") : null,
                    nout > 0 ? tensor(file, sd, prefix + "proj.bias") : null,
                    dec ? tensor(file, sd, prefix + "decoder.weight") : null, dec ? tensor(file, sd, prefix + "decoder.bias") : null,
                    file.toString() + (prefix.isEmpty() ? "" : "#" + prefix.substring(0, prefix.length() - 1)));
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The items of a pickled {@code flair.data.Dictionary} (its state) in index order. */
    public static List<String> dictionaryItems(Path file, Map<?, ?> state) throws IOException {
        if (state.get("idx2item") instanceof List<?> l) return CharLanguageModel.decodeItems(l);
        if (state.get("item2idx") instanceof Map<?, ?> m) {
            Object[] byIndex = new Object[m.size()];
            for (Map.Entry<?, ?> e : m.entrySet()) {
                int i = intOf(e.getValue());
                if (i < 0 || i >= byIndex.length || byIndex[i] != null) throw new IOException(file + ": dictionary indices are not 0..n-1");
                byIndex[i] = e.getKey();
            }
            return CharLanguageModel.decodeItems(new ArrayList<>(Arrays.asList(byIndex)));
        }
        throw new IOException(file + ": the dictionary has neither idx2item nor item2idx");
    }

    private static float[] tensor(Path file, Map<?, ?> sd, String name) throws IOException {
        Object t = sd.get(name);
        if (t == null) throw new IOException(file + ": state_dict lacks tensor '" + name + "'");
        if (!(t instanceof TorchCheckpoint.Tensor tensor)) throw new IOException(file + ": '" + name + "' is not a tensor");
        return tensor.data();
    }

    private static int intOf(Object o) {
        return ((Number) o).intValue();
    }
}
