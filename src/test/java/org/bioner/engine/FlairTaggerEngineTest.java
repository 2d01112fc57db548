package org.bioner.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.fit.pipeline.SimplePipeline;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.bioner.io.EntityTypes;
import org.bioner.types.BioEntity;
import org.junit.jupiter.api.Test;

import de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence;
import de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token;

/**
 * BioNerTagger runs Flair checkpoints (.pt, both generations) side by side, each with its own embeddings, and
 * writes Flair's spans as typed entities: Disease, Chemical, Gene, CellLine as our types, anything else (e.g.
 * the span value {@code nk>} that Flair derives from an {@code <unk>} tag) as a generic BioEntity with that value;
 * confidence = Flair's span score.
 */
class FlairTaggerEngineTest {

    static Path resource(String name) throws Exception {
        return Path.of(FlairTaggerEngineTest.class.getResource("/flair-tagger/" + name).toURI());
    }

    @Test
    void flairCheckpointsAnnotateTypedEntities() throws Exception {
        List<String> lines = Files.readAllLines(resource("sentences.txt"), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).toList();
        JCas jcas = JCasFactory.createJCas();
        jcas.setDocumentText(String.join("\n", lines));
        List<List<int[]>> offsets = new ArrayList<>();
        int pos = 0;
        for (String line : lines) {
            List<int[]> toks = new ArrayList<>();
            int start = pos;
            for (String tok : line.split(" ")) {
                new Token(jcas, pos, pos + tok.length()).addToIndexes();
                toks.add(new int[] {pos, pos + tok.length()});
                pos += tok.length() + 1;
            }
            new Sentence(jcas, start, pos - 1).addToIndexes();
            offsets.add(toks);
        }
        String v1 = resource("v1-zip.pt").toString(), v2 = resource("v2-zip.pt").toString();
        SimplePipeline.runPipeline(jcas, AnalysisEngineFactory.createEngineDescription(BioNerTagger.class,
                BioNerTagger.PARAM_MODEL_LOCATION, new String[] {v1, v2}));

        List<String> expected = new ArrayList<>();
        java.util.Map<String, Double> expectedScore = new java.util.HashMap<>();
        for (String[] m : new String[][] {{"v1", v1}, {"v2", v2}}) {
            for (String line : Files.readAllLines(resource(m[0] + ".expected.tsv"), StandardCharsets.UTF_8)) {
                String[] f = line.split("\t");
                if (!f[0].equals("span")) continue;
                List<int[]> toks = offsets.get(Integer.parseInt(f[1]));
                int begin = toks.get(Integer.parseInt(f[2]))[0], end = toks.get(Integer.parseInt(f[3]) - 1)[1];
                String d = describe(begin, end, EntityTypes.jcasClass(f[4]).getSimpleName(), EntityTypes.canonicalName(f[4]), m[1]);
                expected.add(d);
                expectedScore.put(d, Double.parseDouble(f[5]));
            }
        }
        List<String> got = new ArrayList<>();
        for (BioEntity e : JCasUtil.select(jcas, BioEntity.class)) {
            String d = describe(e.getBegin(), e.getEnd(), e.getClass().getSimpleName(), e.getValue(), e.getModel());
            got.add(d);
            if (expectedScore.containsKey(d)) assertEquals(expectedScore.get(d), e.getConfidence(), 1e-5, d);
        }
        expected.sort(Comparator.naturalOrder());
        got.sort(Comparator.naturalOrder());
        assertEquals(expected, got);
        assertEquals(true, got.stream().anyMatch(s -> s.contains(" CellLine CellLine ")), "CellLine as our type");
        assertEquals(true, got.stream().anyMatch(s -> s.contains(" BioEntity nk> ")), "an odd value as a generic entity");
    }

    private static String describe(int begin, int end, String cls, String value, String model) {
        return String.format(Locale.ROOT, "%05d-%05d %s %s %s", begin, end, cls, value, model);
    }
}
