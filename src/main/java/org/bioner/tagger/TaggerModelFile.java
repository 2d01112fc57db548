package org.bioner.tagger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.bioner.embeddings.CharCodeEmbeddings;
import org.bioner.model.ModelArchive;
import org.bioner.nn.LinearLayer;
import org.bioner.nn.LstmLayer;
import org.bioner.nn.Param;
import org.bioner.tagger.crf.FlairCrfDecoder;
import org.bioner.tagger.crf.LinearChainCrf;

/**
 * The tagger's model file: a {@link ModelArchive} of kind {@link SequenceTagger#KIND} holding the
 * hyperparameters, the tag names, every network tensor under its {@link Param} name (float32, or float16 for
 * shipped models) and the CRF's doubles bit for bit, so that a saved and reloaded tagger computes exactly what
 * the saved one did. Reads every format version up to {@link SequenceTagger#TAGGER_FORMAT_VERSION}: version 1
 * stored each LSTM direction as a DL4J parameter vector ({@link Dl4jLstmParams}). A file is written beside its
 * target and moved into place, so a reader never sees half of one. A tagger converted from Flair also stores
 * Flair's tags ({@code flair.tags}) and CRF transitions ({@code flair.crf.transitions}); its emission layer then
 * has one output per Flair tag. An ensemble ({@link TaggerEnsemble}; format version 3) stores its first network and
 * its CRF (the mean of the members') as a single tagger does, then each further network's tensors under
 * {@code ensemble.I.}{@link Param} name, {@code I} from 1 ({@code ensemble.members}: how many). A tagger with
 * character features (format version 4) also stores its {@link CharWordEncoder}'s tensors ({@code chars.*}) and sizes
 * ({@code chars.embedding}, {@code chars.hidden}). A tagger of more than one BiLSTM layer (format version 5) stores
 * their number ({@code rnn.layers}) and the upper layers' tensors ({@code lstm.lI.*}, {@code I} from 1).
 */
final class TaggerModelFile {

    private TaggerModelFile() {
    }

    /** Writes the tagger (and its metadata); {@code half} stores the network weights as float16. */
    static void write(SequenceTagger t, Path file, boolean half) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (ModelArchive.Writer w = ModelArchive.writer(tmp, SequenceTagger.KIND)) {
            // a single network stays readable by builds of version 2; an ensemble needs version 3, character features 4,
            // stacked BiLSTM layers 5 (older builds refuse the file rather than tag with its first layer alone)
            int layers = t.hyperParameters().rnnLayers();
            w.meta("tagger.format.version", Integer.toString(layers > 1 ? 5 : t.chars != null ? 4 : t.members().isEmpty() ? 2 : 3));
            if (layers > 1) w.meta("rnn.layers", Integer.toString(layers));
            if (t.chars != null) {
                w.meta("chars.embedding", Integer.toString(t.chars.embedding()));
                w.meta("chars.hidden", Integer.toString(t.chars.hidden()));
            }
            w.meta("embeddings.spec", t.embeddingsSpec());
            w.meta("embeddings.dimension", Integer.toString(t.embeddingDimension()));
            w.meta("hidden", Integer.toString(t.hyperParameters().hidden()));
            w.meta("reproject", Boolean.toString(t.hyperParameters().reproject()));
            w.meta("word.dropout", Float.toString(t.hyperParameters().wordDropout()));
            w.meta("locked.dropout", Float.toString(t.hyperParameters().lockedDropout()));
            w.meta("entity.types", String.join(",", t.tags().entityTypes()));
            w.meta("crf.constraints", "bioes");
            for (Map.Entry<String, String> e : t.metadata().entrySet()) w.meta("x." + e.getKey(), e.getValue());
            w.strings("tags", t.tags().names());
            FlairCrfDecoder flairCrf = t.flairCrf();
            if (flairCrf != null) { // Flair's own tags and CRF (FlairCrfDecoder)
                w.strings("flair.tags", flairCrf.tags());
                w.floats("flair.crf.transitions", flairCrf.transitions(), new int[] {flairCrf.size(), flairCrf.size()}, false);
            }
            w.meta("weights.precision", half ? "float16" : "float32");
            for (Param p : t.parameters()) w.floats(p.name(), p.values(), p.shape(), half);
            if (!t.members().isEmpty()) w.meta("ensemble.members", Integer.toString(t.members().size()));
            for (int i = 0; i < t.members().size(); i++) {
                for (Param p : t.members().get(i).parameters()) w.floats(memberPrefix(i) + p.name(), p.values(), p.shape(), half);
            }
            // the CRF computes in double: store the exact bits (two int32 per value, high word first)
            double[] c = t.crf().parametersAsDouble();
            int[] bits = new int[2 * c.length];
            for (int i = 0; i < c.length; i++) {
                long l = Double.doubleToRawLongBits(c[i]);
                bits[2 * i] = (int) (l >>> 32);
                bits[2 * i + 1] = (int) l;
            }
            w.ints("crf.parameters.f64bits", bits, new int[] {c.length, 2});
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a tagger of any format version up to {@link SequenceTagger#TAGGER_FORMAT_VERSION}. */
    static SequenceTagger read(ModelArchive a) throws IOException {
        String src = a.source();
        try {
            int version = Integer.parseInt(a.meta("tagger.format.version"));
            if (version > SequenceTagger.TAGGER_FORMAT_VERSION) {
                throw new IOException(src + ": tagger format version " + version + " is newer than this build reads (" + SequenceTagger.TAGGER_FORMAT_VERSION + ")");
            }
            if (version < 1) throw new IOException(src + ": unknown tagger format version " + version);
            TagDictionary tags = TagDictionary.fromNames(a.strings("tags"));
            int dim = Integer.parseInt(a.meta("embeddings.dimension"));
            SequenceTagger.HyperParameters hp = new SequenceTagger.HyperParameters(Integer.parseInt(a.meta("hidden")),
                    Boolean.parseBoolean(a.meta("reproject")),
                    Float.parseFloat(a.meta("word.dropout")), Float.parseFloat(a.meta("locked.dropout")),
                    version >= 5 ? Integer.parseInt(a.meta("rnn.layers", "1")) : 1);
            String spec = a.meta("embeddings.spec");
            int codes = CharCodeEmbeddings.codesIn(spec);
            CharWordEncoder chars = codes == 0 ? null
                    : new CharWordEncoder(codes, Integer.parseInt(a.meta("chars.embedding")), Integer.parseInt(a.meta("chars.hidden")));
            int nd = SequenceTagger.networkInputs(dim, codes, chars == null ? 0 : chars.width());
            LinearLayer reproject = hp.reproject() ? new LinearLayer("reproject", nd, nd) : null;
            LstmLayer fwd = new LstmLayer("lstm.forward", nd, hp.hidden());
            LstmLayer bwd = new LstmLayer("lstm.backward", nd, hp.hidden());
            FlairCrfDecoder flairCrf = a.has("flair.tags") ? new FlairCrfDecoder(a.strings("flair.tags"), a.floats("flair.crf.transitions")) : null;
            LinearLayer output = new LinearLayer("output", 2 * hp.hidden(), flairCrf != null ? flairCrf.size() : tags.size());
            LinearChainCrf crf = new LinearChainCrf(tags.size(), 0);
            SequenceTagger.constrain(crf, tags);
            List<SequenceTagger> members = new ArrayList<>();
            int memberCount = version >= 3 ? Integer.parseInt(a.meta("ensemble.members", "0")) : 0;
            for (int i = 0; i < memberCount; i++) {
                // the member's layers are filled from the file below: built empty, as the first network's are
                LinearChainCrf unused = new LinearChainCrf(tags.size(), 0);
                SequenceTagger m = new SequenceTagger(tags, spec, dim, hp, hp.reproject() ? new LinearLayer("reproject", nd, nd) : null,
                        new LstmLayer("lstm.forward", nd, hp.hidden()), new LstmLayer("lstm.backward", nd, hp.hidden()),
                        SequenceTagger.upperLayers(hp, null), new LinearLayer("output", 2 * hp.hidden(), tags.size()), unused, null, List.of(),
                        chars == null ? null : chars.emptyCopy());
                for (Param p : m.parameters()) readInto(a, p, memberPrefix(i) + p.name());
                members.add(m);
            }
            int[] bits = a.ints("crf.parameters.f64bits");
            if (bits.length != 2 * crf.numParameters()) {
                throw new IOException(src + ": CRF has " + bits.length / 2 + " parameters, expected " + crf.numParameters());
            }
            double[] c = new double[bits.length / 2];
            for (int i = 0; i < c.length; i++) {
                c[i] = Double.longBitsToDouble(((long) bits[2 * i] << 32) | (bits[2 * i + 1] & 0xffffffffL));
            }
            crf.setParameters(c);
            SequenceTagger t = new SequenceTagger(tags, spec, dim, hp, reproject, fwd, bwd, SequenceTagger.upperLayers(hp, null),
                    output, crf, flairCrf, members, chars);
            for (Param p : t.parameters()) {
                boolean lstm = p.name().startsWith("lstm.");
                if (version == 1 && lstm) continue;
                readInto(a, p, p.name());
            }
            if (version == 1) {
                readLegacyLstm(a, fwd, "lstm.forward.params", dim, hp.hidden());
                readLegacyLstm(a, bwd, "lstm.backward.params", dim, hp.hidden());
            }
            for (Map.Entry<String, String> e : a.metadata().entrySet()) {
                if (e.getKey().startsWith("x.")) t.metadata().put(e.getKey().substring(2), e.getValue());
            }
            return t;
        } catch (RuntimeException e) {
            throw new IOException(src + ": corrupt tagger model: " + e, e);
        }
    }

    private static void readInto(ModelArchive a, Param p, String name) throws IOException {
        int[] shape = a.shape(name);
        if (!Arrays.equals(shape, p.shape())) {
            throw new IOException(a.source() + ": '" + name + "' has shape " + Arrays.toString(shape)
                    + ", expected " + Arrays.toString(p.shape()));
        }
        p.setValues(a.floats(name));
    }

    /** Where an ensemble's member {@code i} (from 0: the second network) keeps its tensors. */
    private static String memberPrefix(int i) {
        return "ensemble." + (i + 1) + ".";
    }

    /** Format 1: an LSTM direction stored as a DL4J parameter vector, converted by {@link Dl4jLstmParams}. */
    private static void readLegacyLstm(ModelArchive a, LstmLayer l, String name, int dim, int hidden) throws IOException {
        float[] flat = a.floats(name);
        if (flat.length != Dl4jLstmParams.size(dim, hidden)) {
            throw new IOException(a.source() + ": '" + name + "' holds " + flat.length + " values, a DL4J LSTM("
                    + dim + ", " + hidden + ") has " + Dl4jLstmParams.size(dim, hidden));
        }
        float[][] w = Dl4jLstmParams.convert(flat, dim, hidden);
        l.weightIh().setValues(w[0]);
        l.weightHh().setValues(w[1]);
        l.bias().setValues(w[2]);
    }
}
