package org.bioner.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import org.bioner.embeddings.TokenEmbeddings;
import org.bioner.embeddings.flair.CharLanguageModel;
import org.bioner.embeddings.flair.ConcurrentStackedEmbeddings;
import org.bioner.embeddings.flair.FlairEmbeddings;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bioner bench-embed}: Flair embedding throughput with random forward and backward LMs, the same
 * computation as {@code shared/bench/torch_reference.py embed} (E=100, vocabulary 300, 1 layer by default).
 * {@code --gemm} also times the LSTM recurrent product three ways (ND4J, direct OpenBLAS, plain Java); ND4J is not a
 * runtime dependency of the library, so its column needs a build with {@code mvn -Pnd4j} (else it reads {@code null}).
 */
@Command(name = "bench-embed", mixinStandardHelpOptions = true,
        description = "Benchmark Flair embeddings (forward + backward char LM) in chars/s and GFLOP/s.")
public final class BenchEmbedCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "token<TAB>tag file, e.g. ../shared/datasets/NCBI-disease/test.tsv")
    Path data;

    @Option(names = "--hidden", description = "LM hidden size (default ${DEFAULT-VALUE})")
    int hidden = 512;

    @Option(names = "--layers", description = "LM layers (default ${DEFAULT-VALUE})")
    int layers = 1;

    @Option(names = "--emb-dim", description = "char embedding size (default ${DEFAULT-VALUE})")
    int embDim = 100;

    @Option(names = "--vocab", description = "char vocabulary size (default ${DEFAULT-VALUE})")
    int vocab = 300;

    @Option(names = {"--num-threads", "--threads"}, description = "worker threads (default: all processors)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = {"--embedding-batch-size", "--batch"}, description = "sentences per worker batch (default ${DEFAULT-VALUE})")
    int batch = FlairEmbeddings.DEFAULT_BATCH;

    @Option(names = "--repeat", description = "timed passes over the data (default ${DEFAULT-VALUE})")
    int repeat = 2;

    @Option(names = "--gemm", description = {"also time the recurrent product [n,H]x[H,4H] with ND4J, direct OpenBLAS and plain Java",
            "(the ND4J column needs ND4J on the classpath: build with mvn -Pnd4j)"})
    boolean gemm;

    /**
     * The character dictionary of the benchmarks' random LMs (as the PyTorch reference builds it): {@code <unk>},
     * then the characters of {@code sentences} with newline and space in sorted order, padded with unused
     * entries to exactly {@code size}.
     */
    static List<String> characterDictionary(List<List<String>> sentences, int size) {
        TreeSet<String> chars = new TreeSet<>();
        for (List<String> s : sentences) for (String t : s) t.codePoints().forEach(c -> chars.add(new String(Character.toChars(c))));
        chars.add("\n");
        chars.add(" ");
        List<String> dict = new ArrayList<>();
        dict.add("<unk>");
        for (String c : chars) if (dict.size() < size) dict.add(c);
        while (dict.size() < size) dict.add("<unused" + dict.size() + ">");
        return dict;
    }

    @Override
    public Integer call() throws Exception {
        List<List<String>> sentences = readTokens(data);
        List<String> dict = characterDictionary(sentences, vocab);
        // as `bioner embed` and the embedder engine run them: both LMs at once, sharing the threads
        TokenEmbeddings both = ConcurrentStackedEmbeddings.ofLanguageModels(List.of(
                CharLanguageModel.random(true, dict, embDim, hidden, layers, 1),
                CharLanguageModel.random(false, dict, embDim, hidden, layers, 2)), threads, batch);
        long chars1 = 0, tokens = 0;
        for (List<String> s : sentences) {
            chars1 += String.join(" ", s).codePointCount(0, String.join(" ", s).length()) + 2;
            tokens += s.size();
        }
        // warm-up (JIT, BLAS buffers) on a slice, not timed
        List<List<String>> warm = sentences.subList(0, Math.min(sentences.size(), 2 * batch));
        both.embed(warm);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        for (int r = 0; r < repeat; r++) {
            both.embed(sentences);
        }
        double sec = (System.nanoTime() - t0) / 1e9 / repeat;
        double cpuSec = (os.getProcessCpuTime() - cpu0) / 1e9 / repeat;
        double charsPerS = chars1 / sec;
        // per LM and character, as issue 4 counts it (input + recurrent products); layer 0's input product is
        // a table lookup here, so "recurrent_gflops" leaves it out: what is actually computed
        double flopPerChar = 8.0 * hidden * (hidden + embDim) + (layers - 1) * 16.0 * hidden * hidden;
        double computedPerChar = flopPerChar - 8.0 * hidden * embDim;
        System.out.printf("{\"mode\": \"embed\", \"impl\": \"java\", \"threads\": %d, \"batch\": %d, \"sentences\": %d, \"tokens\": %d, "
                        + "\"chars\": %d, \"seconds\": %.4f, \"cpu_seconds\": %.4f, \"tokens_per_s\": %.1f, \"chars_per_s\": %.1f, "
                        + "\"chars_per_cpu_s\": %.1f, \"gflops\": %.1f, \"recurrent_gflops\": %.1f, "
                        + "\"lm_hidden\": %d, \"lm_layers\": %d, \"char_emb\": %d, \"vocab\": %d}%n",
                threads, batch, sentences.size(), tokens, chars1, sec, cpuSec, tokens / sec, charsPerS, chars1 / cpuSec, 2 * charsPerS * flopPerChar / 1e9,
                2 * charsPerS * computedPerChar / 1e9,
                hidden, layers, embDim, vocab);
        if (gemm) {
            for (int n : new int[] {32, 128, 256}) benchGemm(n, hidden);
        }
        return 0;
    }

    static List<List<String>> readTokens(Path file) throws java.io.IOException {
        List<List<String>> out = new ArrayList<>();
        List<String> cur = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank()) {
                if (!cur.isEmpty()) out.add(cur);
                cur = new ArrayList<>();
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab <= 0) throw new IllegalArgumentException(file + ":" + lineNo + ": expected token<TAB>tag");
            cur.add(line.substring(0, tab));
        }
        if (!cur.isEmpty()) out.add(cur);
        return out;
    }

    /** Times C[n,4H] = A[n,H] x B[H,4H] in the calling thread (OMP_NUM_THREADS decides BLAS threads). */
    private static void benchGemm(int n, int h) {
        int g = 4 * h;
        java.util.Random r = new java.util.Random(1);
        float[] a = new float[n * h], b = new float[h * g], c = new float[n * g];
        for (int i = 0; i < a.length; i++) a[i] = r.nextFloat();
        for (int i = 0; i < b.length; i++) b[i] = r.nextFloat();
        double flop = 2.0 * n * h * g;
        // ND4J, when on the classpath (mvn -Pnd4j), called reflectively: the library does not depend on it
        Double nd4j = nd4jGemm(a, b, n, h, g, flop);
        // OpenBLAS through JavaCPP, no INDArray
        FloatPointer pa = new FloatPointer(a), pb = new FloatPointer(b), pc = new FloatPointer(c);
        double blas = time(() -> openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                openblas_nolapack.CblasNoTrans, n, g, h, 1f, pa, h, pb, g, 0f, pc, g), flop);
        // plain Java: i-k-j loop, inner loop vectorised by the JIT
        double plain = time(() -> {
            java.util.Arrays.fill(c, 0f);
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < h; k++) {
                    float aik = a[i * h + k];
                    int bo = k * g, co = i * g;
                    for (int j = 0; j < g; j++) c[co + j] += aik * b[bo + j];
                }
            }
        }, flop);
        System.out.printf("{\"mode\": \"gemm\", \"shape\": \"[%d,%d]x[%d,%d]\", \"nd4j_gflops\": %s, \"openblas_direct_gflops\": %.1f, "
                + "\"plain_java_gflops\": %.1f}%n", n, h, h, g, nd4j == null ? "null" : String.format(java.util.Locale.ROOT, "%.1f", nd4j), blas, plain);
    }

    /** GFLOP/s of {@code Nd4j.gemm} on the same product, or null when ND4J is not on the classpath. */
    private static Double nd4jGemm(float[] a, float[] b, int n, int h, int g, double flop) {
        final Class<?> nd4j;
        try {
            nd4j = Class.forName("org.nd4j.linalg.factory.Nd4j");
        } catch (ClassNotFoundException e) {
            System.err.println("bench-embed: ND4J is not on the classpath (build with mvn -Pnd4j); nd4j_gflops left out");
            return null;
        }
        try {
            Class<?> ndArray = Class.forName("org.nd4j.linalg.api.ndarray.INDArray");
            java.lang.reflect.Method create = nd4j.getMethod("create", float[].class, long[].class, char.class);
            java.lang.reflect.Method zeros = nd4j.getMethod("create", long[].class, char.class);
            java.lang.reflect.Method gemm = nd4j.getMethod("gemm", ndArray, ndArray, ndArray, boolean.class, boolean.class,
                    double.class, double.class);
            Object A = create.invoke(null, a, new long[] {n, h}, 'c'), B = create.invoke(null, b, new long[] {h, g}, 'c');
            Object C = zeros.invoke(null, new long[] {n, g}, 'c');
            return time(() -> {
                try {
                    gemm.invoke(null, A, B, C, false, false, 1.0, 0.0);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }, flop);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("ND4J on the classpath but not callable: " + e, e);
        }
    }

    private static double time(Runnable op, double flop) {
        for (int i = 0; i < 5; i++) op.run();
        int reps = 0;
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < 1_500_000_000L) {
            op.run();
            reps++;
        }
        return flop * reps / ((System.nanoTime() - t0) / 1e9) / 1e9;
    }
}
