package org.bioner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.resource.ResourceInitializationException;
import org.bioner.engine.BioNerTagger;
import org.bioner.corpus.IobWriter;
import org.bioner.nn.Backends;
import org.bioner.nn.Device;
import org.bioner.nn.DeviceUnavailableException;
import org.bioner.training.SyntheticTask;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * {@code --device} on the commands and {@code PARAM_DEVICE} on the tagger engine where no GPU can be used:
 * one line and exit status 2, before any work. (Where a GPU opens, these are skipped: the error is then
 * covered by {@code nn.BackendTest}'s forced missing driver.)
 */
class DeviceOptionTest {

    @BeforeEach
    void noGpuHere() {
        try {
            Backends.open(Device.CUDA);
            Assumptions.abort("a CUDA GPU opened here; the no-GPU errors are tested on machines without one");
        } catch (DeviceUnavailableException expected) {
            // the situation under test
        }
    }

    private static String[] run(String... args) {
        CommandLine cl = BioNerCli.commandLine();
        StringWriter err = new StringWriter(), out = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(out, true));
        int rc = cl.execute(args);
        return new String[] {Integer.toString(rc), err.toString(), out.toString()};
    }

    private static void assertOneLine(String[] r, String command) {
        assertEquals("2", r[0], r[1]);
        String err = r[1].strip();
        assertFalse(err.contains("\n"), err);
        assertTrue(err.startsWith("bioner " + command + ": --device cuda: the CUDA driver"), err);
        assertTrue(err.endsWith("or run with --device cpu"), err);
    }

    @Test
    void tagTrainAndPretrainLmSayWhatIsMissingInOneLine(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("d.tsv");
        new IobWriter(false).write(SyntheticTask.sentences(5, 1), data);
        assertOneLine(run("tag", "--model", dir.resolve("no-model").toString(), "--in", data.toString(),
                "--out", dir.resolve("o.tsv").toString(), "--device", "cuda"), "tag");
        assertOneLine(run("train", "--train", data.toString(), "--dev", data.toString(), "--entity-type", "Disease",
                "--embeddings", "random:8:seed=1", "--out", dir.resolve("m").toString(), "--device", "CUDA"), "train");
        assertOneLine(run("pretrain-lm", "--corpus", data.toString(), "--out", dir.resolve("lm").toString(), "--direction", "forward",
                "--device", "cuda"), "pretrain-lm");
    }

    @Test
    void annotateSaysWhatIsMissing(@TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("a.txt"), "Aspirin causes headache.");
        String[] r = run("annotate", "--in", dir.resolve("a.txt").toString(), "--out", dir.resolve("out").toString(),
                "--device", "cuda");
        assertEquals("2", r[0], r[1] + r[2]);
        String err = r[1].strip();
        assertTrue(err.endsWith("or run with --device cpu"), err);
        assertTrue(err.contains("--device cuda: the CUDA driver"), err);
    }

    @Test
    void anUnknownDeviceIsAUsageError() {
        String[] r = run("tag", "--model", "m", "--in", "i", "--out", "o", "--device", "gpu");
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("unknown device 'gpu': expected cpu or cuda"), r[1]);
        assertTrue(new CommandLine(new TagCommand()).getUsageMessage().contains("cpu, cuda"));
    }

    @Test
    void theTaggerEngineFailsInitialisationWithTheReason() {
        ResourceInitializationException e = assertThrows(ResourceInitializationException.class, () ->
                AnalysisEngineFactory.createEngine(BioNerTagger.class, BioNerTagger.PARAM_MODEL_LOCATION, List.of("x").toArray(new String[0]),
                        BioNerTagger.PARAM_DEVICE, "cuda"));
        StringBuilder chain = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) chain.append(t.getMessage()).append(" | ");
        assertTrue(chain.toString().contains("device=cuda: --device cuda: the CUDA driver"), chain.toString());
        ResourceInitializationException f = assertThrows(ResourceInitializationException.class, () ->
                AnalysisEngineFactory.createEngine(org.bioner.engine.FlairEmbedder.class,
                        org.bioner.engine.FlairEmbedder.PARAM_LANGUAGE_MODELS, new String[] {"x"},
                        org.bioner.engine.FlairEmbedder.PARAM_DEVICE, "cuda"));
        StringBuilder chain2 = new StringBuilder();
        for (Throwable t = f; t != null; t = t.getCause()) chain2.append(t.getMessage()).append(" | ");
        assertTrue(chain2.toString().contains("device=cuda: --device cuda: the CUDA driver"), chain2.toString());
    }
}
