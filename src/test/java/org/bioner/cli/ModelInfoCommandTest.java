package org.bioner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.bioner.tagger.InputWeights;
import org.bioner.tagger.SequenceTagger;
import org.bioner.tagger.SequenceTagger.HyperParameters;
import org.bioner.tagger.TagDictionary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelInfoCommandTest {

    /** Runs the command; returns {exit status, stdout, stderr}. */
    private static Object[] run(String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        int rc;
        try {
            rc = BioNerCli.commandLine().execute(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new Object[] {rc, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void printsTheModelsTypesEmbeddingsMetadataAndEachPartsInputWeights(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.bnm");
        SequenceTagger t = SequenceTagger.create(new TagDictionary(List.of("Disease")), "random:8:seed=1+chars:6", 14,
                new HyperParameters(4, true, 0.1f, 0.3f), 3);
        t.metadata().put("train.epoch", "7");
        t.save(f);
        Object[] r = run("model-info", "--input-weights", f.toString());
        String out = (String) r[1];
        assertEquals(0, r[0], (String) r[2]);
        assertTrue(out.contains("  entity types: Disease (5 tags)\n"), out);
        assertTrue(out.contains("  embeddings: random:8:seed=1+chars:6\n"), out);
        assertTrue(out.contains("  network: 14 embedding inputs, 58 network inputs, reprojection on, BiLSTM 4 per direction"
                + " (trained with word dropout 0.1, locked dropout 0.3)\n"), out);
        assertTrue(out.contains("  train.epoch: 7\n"), out);
        List<InputWeights.Part> parts = InputWeights.byPart(SequenceTagger.load(f));
        for (InputWeights.Part p : parts) {
            String line = String.format(Locale.ROOT, "    %8.4f / %8.4f  %5d inputs  %s%n", p.forward(), p.backward(), p.rows(), p.name());
            assertTrue(out.contains(line), line + " not in\n" + out);
        }
        assertEquals(List.of(8, 50), parts.stream().map(InputWeights.Part::rows).toList());
    }

    @Test
    void aStackedBiLstmShowsItsLayers(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.bnm");
        SequenceTagger.create(new TagDictionary(List.of("Disease")), "random:8:seed=1", 8,
                new HyperParameters(4, true, 0.05f, 0.5f, 2), 3).save(f);
        Object[] r = run("model-info", f.toString());
        assertEquals(0, r[0], (String) r[2]);
        assertTrue(((String) r[1]).contains("  network: 8 embedding inputs, 8 network inputs, reprojection on, BiLSTM 4 per direction"
                + " x 2 layers (trained with word dropout 0.05, locked dropout 0.5)\n"), (String) r[1]);
    }

    @Test
    void aMissingModelIsAOneLineError(@TempDir Path dir) {
        Object[] r = run("model-info", dir.resolve("none.bnm").toString());
        String err = ((String) r[2]).strip();
        assertEquals(1, r[0]);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("bioner model-info: ") && err.contains("none.bnm"), err);
    }
}
