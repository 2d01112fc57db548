package org.bioner.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

import org.bioner.embeddings.RandomEmbeddings;
import org.bioner.embeddings.TokenEmbeddings;
import org.bioner.embeddings.flair.CharLanguageModel;
import org.bioner.embeddings.flair.ConcurrentStackedEmbeddings;
import org.bioner.corpus.Span;
import org.bioner.corpus.IobCorpusParser;
import org.bioner.corpus.TagScheme;
import org.bioner.corpus.TaggedSentence;
import org.bioner.nn.Backend;
import org.bioner.nn.Backends;
import org.bioner.nn.Blas;
import org.bioner.nn.Device;
import org.bioner.nn.DeviceLstm;
import org.bioner.nn.LstmLayer;
import org.bioner.nn.NativeBuffer;
import org.bioner.nn.SequencePacking;
import org.bioner.tagger.SequenceTagger;
import org.bioner.tagger.SequenceTagger.HyperParameters;
import org.bioner.tagger.SequenceTagger.Prediction;
import org.bioner.tagger.TagDictionary;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bioner gpu-check}: the device check of issue 16 in one process. (1) Equality of the GPU path with the
 * CPU reference on fixed inputs: one LSTM direction pair, the Flair LMs (random, seeded) on the first sentences
 * of {@code --data}, and a tagger model file tagging {@code --data}; (2) throughput on the GPU, measured as
 * {@code bench-embed} and {@code bench} measure the CPU (and {@code torch_gpu_reference.py} PyTorch): Flair
 * embeddings (forward + backward LM, H = 512) of {@code --data}, tagging {@code --data} with the D = 1124
 * network, and one training epoch over {@code --train}. Writes one JSON object ({@code --out}); exit status 0
 * when every equality holds, 1 when one does not, 2 when there is no usable GPU. Runs without UIMA (its own
 * {@link #main}), so the device carry needs only this project's classes, picocli, JNA, JavaCPP and OpenBLAS.
 */
@Command(name = "gpu-check", mixinStandardHelpOptions = true,
        description = "GPU equality with the CPU reference and GPU throughput (embed, tag, train one epoch); one JSON report.")
public final class GpuCheckCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, description = "IOB file to embed and tag (the device check: NCBI-disease test)")
    Path data;

    @Option(names = "--train", description = "IOB file for the one-epoch training run (default: skip it)")
    Path train;

    @Option(names = "--model", description = "a tagger model file to compare on CPU and GPU (its embeddings must load here)")
    Path model;

    @Option(names = "--out", description = "JSON report (default: stdout only)")
    Path out;

    @Option(names = "--lm-hidden", defaultValue = "512")
    int lmHidden;

    @Option(names = "--lm-batch", defaultValue = "512", description = "sentences per LM batch (default: ${DEFAULT-VALUE})")
    int lmBatch;

    @Option(names = "--batch", defaultValue = "32", description = "tagger batch (default: ${DEFAULT-VALUE}, as torch_reference.py)")
    int batch;

    @Option(names = "--input-dim", defaultValue = "1124")
    int dim;

    @Option(names = "--equality-sentences", defaultValue = "200", description = "sentences of --data for the LM comparison")
    int equalitySentences;

    @Option(names = "--cpu-threads", description = "CPU threads for the references (default: all)")
    Integer cpuThreads;

    @Option(names = "--skip-cpu-timing", description = "do not time the CPU embed/tag runs beside the GPU ones")
    boolean skipCpuTiming;

    @Option(names = "--emulate", hidden = true,
            description = "run the check on a second CPU backend instead of CUDA (checks the check on a machine without a GPU)")
    boolean emulate;

    private final Map<String, Object> report = new LinkedHashMap<>();
    private boolean equal = true;

    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new GpuCheckCommand());
        cl.setExecutionExceptionHandler(BioNerCli::failed); // the command line's one handler: no GPU -> one line, exit 2
        System.exit(cl.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        int threads = cpuThreads != null ? cpuThreads : Runtime.getRuntime().availableProcessors();
        Backend gpu = emulate ? new org.bioner.nn.CpuBackend() : Backends.open(Device.CUDA);
        report.put("device", gpu.describe());
        report.put("java", System.getProperty("java.version"));
        report.put("cpu_threads", threads);
        report.put("data", data.toString());
        log("device: " + gpu.describe());
        List<TaggedSentence> sents = new IobCorpusParser(IobCorpusParser.Format.BIOBERT, TagScheme.IOB2, "Entity", false).parse(data);
        List<List<String>> tokens = sents.stream().map(TaggedSentence::tokens).toList();

        Map<String, Object> eq = new LinkedHashMap<>();
        report.put("equality", eq);
        // each part on its own: a failure is recorded (and fails the check) and the others still run
        section(eq, "lstm", true, () -> lstmEquality(gpu));
        section(eq, "flair_lms", true, () -> lmEquality(gpu, tokens.subList(0, Math.min(tokens.size(), equalitySentences)), threads));
        if (model != null) section(eq, "tagger_model", true, () -> modelEquality(gpu, tokens));
        section(eq, "training_step", true, () -> trainingStepEquality(gpu, sents));
        section(eq, "lm_training_step", true, () -> lmTrainingStepEquality(gpu));

        Map<String, Object> speed = new LinkedHashMap<>();
        report.put("throughput", speed);
        section(speed, "embed", false, () -> embedSpeed(gpu, tokens, threads));
        section(speed, "tag", false, () -> tagSpeed(gpu, sents, threads));
        if (train != null) section(speed, "train_epoch", false, () -> trainEpoch(gpu, threads));
        report.put("equal", equal);
        String json = toJson(report, "");
        System.out.println(json);
        if (out != null) Files.writeString(out, json + "\n", StandardCharsets.UTF_8);
        return equal ? 0 : 1;
    }

    private interface Part {
        Map<String, Object> run() throws Exception;
    }

    /** Runs one part into {@code into.name}; an exception is recorded there (and, for an equality, fails the check). */
    private void section(Map<String, Object> into, String name, boolean equality, Part part) {
        try {
            into.put(name, part.run());
        } catch (Exception | Error e) {
            if (e instanceof org.bioner.nn.DeviceUnavailableException d) throw d;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("error", e.toString());
            java.io.StringWriter w = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(w));
            m.put("trace", w.toString().lines().limit(12).collect(java.util.stream.Collectors.joining(" | ")));
            into.put(name, m);
            if (equality) equal = false;
            log(name + " FAILED: " + e);
        }
    }

    private static void log(String s) {
        System.err.println("[gpu-check] " + s);
    }

    private Map<String, Object> verdict(String what, double max, double tol, Map<String, Object> m) {
        boolean ok = max <= tol;
        m.put("max_abs_diff", max);
        m.put("tolerance", tol);
        m.put("equal", ok);
        if (!ok) equal = false;
        log(what + ": max |cpu - gpu| = " + max + (ok ? " (ok)" : " EXCEEDS " + tol));
        return m;
    }

    /** One BiLSTM layer pair (H = 256, D = 1124 projections) on a fixed packing: CPU layer vs backend route on the GPU. */
    private Map<String, Object> lstmEquality(Backend gpu) {
        Random r = new Random(5);
        int h = 256, g = 4 * h;
        LstmLayer l = LstmLayer.init("l", 64, h, r);
        SequencePacking p = new SequencePacking(new int[] {40, 3, 0, 17, 40, 1, 25, 60, 2});
        int n = p.totalTokens(), ldp = 2 * g, ldy = 2 * h;
        float[] projValues = new float[n * ldp];
        for (int i = 0; i < projValues.length; i++) projValues[i] = r.nextFloat() * 4 - 2;
        NativeBuffer proj = new NativeBuffer(n * ldp), y = new NativeBuffer(n * ldy);
        proj.put(0, projValues, n * ldp);
        l.forwardProjected(p, false, proj, ldp, 0, y, ldy, 0);
        l.forwardProjected(p, true, proj, ldp, g, y, ldy, h);
        float[] cpu = y.toArray(n * ldy);
        DeviceLstm d = new DeviceLstm(l);
        Backend.Floats dp = gpu.floats((long) n * ldp), dy = gpu.floats((long) n * ldy);
        gpu.upload(projValues, 0, dp, 0, n * ldp);
        d.forwardProjected(gpu, p, gpu.ints(DeviceLstm.tokenRows(p, false)), dp, ldp, 0, dy, ldy, 0);
        d.forwardProjected(gpu, p, gpu.ints(DeviceLstm.tokenRows(p, true)), dp, ldp, g, dy, ldy, h);
        float[] dev = new float[n * ldy];
        gpu.download(dy, 0, dev, 0, n * ldy);
        double max = 0;
        for (int i = 0; i < cpu.length; i++) max = Math.max(max, Math.abs(cpu[i] - dev[i]));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tokens", n);
        m.put("hidden", h);
        return verdict("lstm", max, 1e-5, m);
    }

    private static List<String> dictionary(List<List<String>> sentences) {
        return BenchEmbedCommand.characterDictionary(sentences, 300);
    }

    private TokenEmbeddings lms(List<String> dict, int threads) {
        return ConcurrentStackedEmbeddings.ofLanguageModels(List.of(
                CharLanguageModel.random(true, dict, 100, lmHidden, 1, 1),
                CharLanguageModel.random(false, dict, 100, lmHidden, 1, 2)), threads, lmBatch);
    }

    private Map<String, Object> lmEquality(Backend gpu, List<List<String>> sentences, int threads) {
        TokenEmbeddings e = lms(dictionary(sentences), threads);
        List<float[][]> cpu = e.embed(sentences);
        e.useBackend(gpu);
        List<float[][]> dev = e.embed(sentences);
        double max = 0;
        long values = 0;
        for (int s = 0; s < cpu.size(); s++) {
            for (int t = 0; t < cpu.get(s).length; t++) {
                for (int j = 0; j < cpu.get(s)[t].length; j++) {
                    max = Math.max(max, Math.abs(cpu.get(s)[t][j] - dev.get(s)[t][j]));
                    values++;
                }
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sentences", sentences.size());
        m.put("values", values);
        m.put("lm_hidden", lmHidden);
        return verdict("flair LMs", max, 1e-5, m);
    }

    private Map<String, Object> modelEquality(Backend gpu, List<List<String>> sentences) throws Exception {
        SequenceTagger t = SequenceTagger.load(model);
        List<Prediction> cpu = t.tag(sentences, null, batch);
        t.useBackend(gpu);
        List<Prediction> dev = t.tag(sentences, null, batch);
        t.useBackend(null);
        int pathsDiffer = 0, spans = 0;
        double max = 0;
        for (int i = 0; i < cpu.size(); i++) {
            if (!java.util.Arrays.equals(cpu.get(i).path(), dev.get(i).path())) pathsDiffer++;
            spans += cpu.get(i).spans().size();
            double[] a = cpu.get(i).tokenConfidence(), b = dev.get(i).tokenConfidence();
            for (int k = 0; k < Math.min(a.length, b.length); k++) max = Math.max(max, Math.abs(a[k] - b[k]));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model.toString());
        m.put("embeddings", t.embeddingsSpec());
        m.put("sentences", sentences.size());
        m.put("cpu_spans", spans);
        m.put("sentences_with_different_paths", pathsDiffer);
        if (pathsDiffer > 0) equal = false;
        return verdict("tagger model (confidences; " + pathsDiffer + " paths differ)", max, 1e-4, m);
    }

    /**
     * One training step of the D = {@code --input-dim} network on the first batch of --data, twice from the same
     * weights and draws: on the CPU and on the GPU. Loss and every parameter gradient, relative to the largest.
     */
    private Map<String, Object> trainingStepEquality(Backend gpu, List<TaggedSentence> sents) {
        RandomEmbeddings emb = new RandomEmbeddings(dim, 1);
        TagDictionary tags = new TagDictionary(List.of("Entity"));
        List<TaggedSentence> first = sents.subList(0, Math.min(sents.size(), batch));
        List<float[][]> v = emb.embed(first.stream().map(TaggedSentence::tokens).toList());
        List<int[]> gold = new ArrayList<>();
        for (TaggedSentence s : first) gold.add(tags.encode(s.size(), TagScheme.IOB2.decode(s.tags(), "Entity")));
        SequenceTagger cpu = SequenceTagger.create(tags, emb.describe(), dim, HyperParameters.flairDefaults(), 3);
        SequenceTagger dev = SequenceTagger.create(tags, emb.describe(), dim, HyperParameters.flairDefaults(), 3);
        dev.useBackend(gpu);
        double lossCpu = cpu.computeGradients(v, gold, new Random(9));
        double lossGpu = dev.computeGradients(v, gold, new Random(9));
        float[] a = cpu.allGradients(), b = dev.allGradients();
        double max = 0, scale = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(a[i]));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sentences", first.size());
        m.put("loss_cpu", lossCpu);
        m.put("loss_gpu", lossGpu);
        m.put("gradients", a.length);
        m.put("max_abs_gradient", scale);
        boolean lossOk = Math.abs(lossCpu - lossGpu) <= 1e-5 * Math.abs(lossCpu);
        m.put("loss_equal", lossOk);
        if (!lossOk) equal = false;
        return verdict("training step (gradients relative to the largest; loss " + lossCpu + " vs " + lossGpu + ")",
                scale == 0 ? max : max / scale, 1e-4, m);
    }

    /**
     * Two LM pretraining steps (V = 300, E = 100, H = --lm-hidden, 1 layer, dropout 0.1, 32 streams of 100
     * characters, the state carried from the first step to the second), from the same weights and draws on the
     * CPU and on the GPU: losses, every gradient of the second step, the carried state.
     */
    private Map<String, Object> lmTrainingStepEquality(Backend gpu) {
        int streams = 32, len = 100, v = 300;
        org.bioner.embeddings.flair.training.CharLmNetwork cpu =
                org.bioner.embeddings.flair.training.CharLmNetwork.init(v, 100, lmHidden, 1, 0.1f, 5);
        org.bioner.embeddings.flair.training.CharLmNetwork dev =
                org.bioner.embeddings.flair.training.CharLmNetwork.init(v, 100, lmHidden, 1, 0.1f, 5);
        dev.useBackend(gpu);
        org.bioner.embeddings.flair.training.LmState sc = cpu.newState(streams), sg = dev.newState(streams);
        Random r = new Random(11);
        double lossCpu = 0, lossGpu = 0;
        for (int step = 0; step < 2; step++) {
            int[] x = new int[streams * len], y = new int[streams * len];
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextInt(v);
                y[i] = r.nextInt(v);
            }
            lossCpu = cpu.trainStep(x, y, streams, len, sc, new org.bioner.embeddings.flair.training.TrainingRandom(step));
            lossGpu = dev.trainStep(x, y, streams, len, sg, new org.bioner.embeddings.flair.training.TrainingRandom(step));
        }
        double max = 0, scale = 0;
        for (int i = 0; i < cpu.params().size(); i++) {
            float[] a = cpu.params().get(i).gradients(), b = dev.params().get(i).gradients();
            for (int j = 0; j < a.length; j++) {
                max = Math.max(max, Math.abs(a[j] - b[j]));
                scale = Math.max(scale, Math.abs(a[j]));
            }
        }
        double state = 0;
        float[] hc = sc.h(0), hg = sg.h(0);
        for (int i = 0; i < hc.length; i++) state = Math.max(state, Math.abs(hc[i] - hg[i]));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("streams", streams);
        m.put("chars_per_stream", len);
        m.put("lm_hidden", lmHidden);
        m.put("loss_cpu", lossCpu);
        m.put("loss_gpu", lossGpu);
        m.put("max_abs_state_diff", state);
        boolean ok = Math.abs(lossCpu - lossGpu) <= 1e-5 * Math.abs(lossCpu) && state <= 1e-4;
        m.put("loss_and_state_equal", ok);
        if (!ok) equal = false;
        return verdict("LM training steps (gradients relative to the largest; loss " + lossCpu + " vs " + lossGpu + ")",
                scale == 0 ? max : max / scale, 1e-4, m);
    }

    private Map<String, Object> embedSpeed(Backend gpu, List<List<String>> sentences, int threads) {
        long chars = 0, toks = 0;
        for (List<String> s : sentences) {
            String text = String.join(" ", s);
            chars += text.codePointCount(0, text.length()) + 2;
            toks += s.size();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sentences", sentences.size());
        m.put("tokens", toks);
        m.put("chars", chars);
        m.put("lm_hidden", lmHidden);
        m.put("lm_batch", lmBatch);
        TokenEmbeddings e = lms(dictionary(sentences), threads);
        if (!skipCpuTiming) m.put("cpu_chars_per_s", round(chars / time(() -> e.embed(sentences), 1)));
        e.useBackend(gpu);
        double sec = time(() -> e.embed(sentences), 3);
        m.put("gpu_seconds", round(sec));
        m.put("gpu_chars_per_s", round(chars / sec));
        m.put("gpu_tokens_per_s", round(toks / sec));
        log("embed: " + m);
        return m;
    }

    /** Mean seconds of {@code reps} runs after one warm-up run. */
    private static double time(Runnable r, int reps) {
        r.run();
        long t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) r.run();
        return (System.nanoTime() - t0) / 1e9 / reps;
    }

    private Map<String, Object> tagSpeed(Backend gpu, List<TaggedSentence> sents, int threads) {
        RandomEmbeddings emb = new RandomEmbeddings(dim, 1);
        SequenceTagger tagger = SequenceTagger.create(new TagDictionary(List.of("Entity")), emb.describe(), dim,
                HyperParameters.flairDefaults(), 1);
        List<float[][]> vectors = emb.embed(sents.stream().map(TaggedSentence::tokens).toList());
        long toks = sents.stream().mapToLong(TaggedSentence::size).sum();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sentences", sents.size());
        m.put("tokens", toks);
        m.put("input_dim", dim);
        m.put("batch", batch);
        if (!skipCpuTiming) {
            Blas.setThreads(threads);
            m.put("cpu_tokens_per_s", round(toks / time(() -> tagger.predict(vectors, batch), 1)));
        }
        tagger.useBackend(gpu);
        double sec = time(() -> tagger.predict(vectors, batch), 3);
        m.put("gpu_seconds", round(sec));
        m.put("gpu_tokens_per_s", round(toks / sec));
        double big = time(() -> tagger.predict(vectors, 512), 3);
        m.put("gpu_tokens_per_s_batch_512", round(toks / big));
        log("tag: " + m);
        return m;
    }

    /** One epoch of training steps over --train (shuffled batches of --batch), as `bench` times them. */
    private Map<String, Object> trainEpoch(Backend gpu, int threads) throws Exception {
        List<TaggedSentence> sents = new IobCorpusParser(IobCorpusParser.Format.BIOBERT, TagScheme.IOB2, "Entity", false).parse(train);
        RandomEmbeddings emb = new RandomEmbeddings(dim, 1);
        TagDictionary tags = new TagDictionary(List.of("Entity"));
        SequenceTagger tagger = SequenceTagger.create(tags, emb.describe(), dim, HyperParameters.flairDefaults(), 1);
        tagger.useBackend(gpu);
        Blas.setThreads(threads);
        List<float[][]> vectors = emb.embed(sents.stream().map(TaggedSentence::tokens).toList());
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < sents.size(); i++) order.add(i);
        Random rng = new Random(1);
        Collections.shuffle(order, rng);
        long toks = 0;
        double loss = 0;
        long t0 = System.nanoTime();
        for (int b = 0; b < order.size(); b += batch) {
            List<float[][]> v = new ArrayList<>();
            List<int[]> gold = new ArrayList<>();
            for (int i : order.subList(b, Math.min(order.size(), b + batch))) {
                v.add(vectors.get(i));
                List<Span> spans = TagScheme.IOB2.decode(sents.get(i).tags(), "Entity");
                gold.add(tags.encode(sents.get(i).size(), spans));
                toks += sents.get(i).size();
            }
            loss += tagger.computeGradients(v, gold, rng);
            double norm = tagger.gradientNorm();
            tagger.applySgd(0.1f, norm > 5 ? (float) (5 / (norm + 1e-6)) : 1f);
        }
        double sec = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", train.toString());
        m.put("sentences", sents.size());
        m.put("tokens", toks);
        m.put("seconds", round(sec));
        m.put("tokens_per_s", round(toks / sec));
        m.put("mean_loss_per_sentence", round(loss / sents.size()));
        m.put("steps_on", "gpu (network forward + backward; CRF and SGD on the host)");
        log("train: " + m);
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    static String toJson(Object v, String indent) {
        if (v instanceof Map<?, ?> map) {
            StringBuilder sb = new StringBuilder("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sb.append(indent).append("  \"").append(e.getKey()).append("\": ").append(toJson(e.getValue(), indent + "  "));
                sb.append(++i < map.size() ? ",\n" : "\n");
            }
            return sb.append(indent).append('}').toString();
        }
        if (v instanceof String s) {
            StringBuilder sb = new StringBuilder("\"");
            for (char ch : s.toCharArray()) {
                if (ch == '"' || ch == '\\') sb.append('\\').append(ch);
                else if (ch < 0x20) sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                else sb.append(ch);
            }
            return sb.append('"').toString();
        }
        if (v instanceof Double d) return d.isNaN() || d.isInfinite() ? "null" : String.format(Locale.ROOT, "%s", d);
        return String.valueOf(v);
    }
}
