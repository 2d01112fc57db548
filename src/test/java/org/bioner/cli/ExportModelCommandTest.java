package org.bioner.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.bioner.embeddings.RandomEmbeddings;
import org.bioner.tagger.SequenceTagger;
import org.bioner.tagger.SequenceTagger.HyperParameters;
import org.bioner.tagger.SequenceTagger.Prediction;
import org.bioner.tagger.TagDictionary;
import org.bioner.tagger.TaggerAveraging;
import org.bioner.tagger.TaggerEnsemble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ExportModelCommandTest {

    private static final HyperParameters HP = new HyperParameters(4, true, 0.05f, 0.5f);

    private static Path saved(Path dir, String name, String type, long seed) throws IOException {
        Path f = dir.resolve(name);
        SequenceTagger.create(new TagDictionary(List.of(type)), "random:8:seed=1", 8, HP, seed).save(f);
        return f;
    }

    @Test
    void severalInputsWriteTheirAverageAndAnotherArchitectureIsAOneLineError(@TempDir Path dir) throws IOException {
        Path a = saved(dir, "a.bnm", "Disease", 1), b = saved(dir, "b.bnm", "Disease", 2), gene = saved(dir, "g.bnm", "Gene", 3);
        Path out = dir.resolve("avg.bnm");
        assertEquals(0, new CommandLine(new BioNerCli()).execute("export-model", "--in", a.toString(), "--in", b.toString(),
                "--out", out.toString(), "--float32"));
        SequenceTagger expected = TaggerAveraging.average(List.of(SequenceTagger.load(a), SequenceTagger.load(b)));
        assertArrayEquals(expected.allParameters(), SequenceTagger.load(out).allParameters());

        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int rc;
        try {
            rc = new CommandLine(new BioNerCli()).execute("export-model", "--in", a.toString(), "--in", gene.toString(),
                    "--out", dir.resolve("x.bnm").toString());
        } finally {
            System.setErr(err);
        }
        String message = buf.toString(StandardCharsets.UTF_8);
        assertEquals(1, rc);
        assertEquals(1, message.strip().lines().count(), message);
        assertTrue(message.startsWith("bioner export-model: " + gene + ": does not fit the first model: tags"), message);
    }

    @Test
    void ensembleWritesOneModelThatRunsEveryNetwork(@TempDir Path dir) throws IOException {
        Path a = saved(dir, "a.bnm", "Disease", 1), b = saved(dir, "b.bnm", "Disease", 2), c = saved(dir, "c.bnm", "Disease", 3);
        Path out = dir.resolve("ens.bnm");
        assertEquals(0, new CommandLine(new BioNerCli()).execute("export-model", "--ensemble", "--in", a.toString(),
                "--in", b.toString(), "--in", c.toString(), "--out", out.toString(), "--float32"));
        SequenceTagger written = SequenceTagger.load(out);
        SequenceTagger expected = TaggerEnsemble.of(List.of(SequenceTagger.load(a), SequenceTagger.load(b), SequenceTagger.load(c)));
        assertEquals(3, written.ensembleSize());
        assertEquals(a + "," + b + "," + c, written.metadata().get("ensemble.of"));
        List<float[][]> v = new RandomEmbeddings(8, 1).embed(List.of(List.of("aspirin", "causes", "headache"), List.of("no")));
        List<Prediction> pw = written.predict(v, 8), pe = expected.predict(v, 8);
        for (int i = 0; i < v.size(); i++) {
            assertArrayEquals(pe.get(i).path(), pw.get(i).path());
            assertArrayEquals(pe.get(i).tokenConfidence(), pw.get(i).tokenConfidence(), 0.0);
        }
    }
}
