package org.bioner.tagger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.bioner.embeddings.EmbeddingsLoader;
import org.bioner.embeddings.flair.CharLanguageModel;
import org.bioner.model.ResourceLocation;
import org.junit.jupiter.api.Test;

/** Models and language models are found by one rule ({@link ResourceLocation}): a file or directory, else the classpath. */
class TaggerModelsTest {

    @Test
    void aTrainingDirectoryAFileAndAClasspathResourceLoad() throws IOException {
        SequenceTagger dir = TaggerModels.load("models/ncbi-disease-random");
        SequenceTagger file = TaggerModels.load("models/ncbi-disease-random/" + SequenceTagger.FILE_NAME);
        assertArrayEquals(dir.allParameters(), file.allParameters());
        assertTrue(dir.baseDir().endsWith("ncbi-disease-random"));
        // the bundled models are classpath resources; with and without the prefix, with and without a leading slash
        SequenceTagger cp = TaggerModels.load("classpath:/models/species.bnm");
        assertNull(cp.baseDir());
        assertArrayEquals(cp.allParameters(), TaggerModels.load("classpath:models/species.bnm").allParameters());
        assertArrayEquals(cp.allParameters(), TaggerModels.load("models/species.bnm").allParameters()); // the file
        IOException e = assertThrows(IOException.class, () -> TaggerModels.load("no/such/model"));
        assertTrue(e.getMessage().startsWith("tagger model 'no/such/model' not found"), e.getMessage());
    }

    @Test
    void languageModelsResolveTheSameWay() throws IOException {
        CharLanguageModel cp = EmbeddingsLoader.languageModel("classpath:models/lm-biomed-forward-h512.bnm", null);
        CharLanguageModel file = EmbeddingsLoader.languageModel("models/lm-biomed-forward-h512.bnm", null);
        assertEquals(cp.hiddenSize(), file.hiddenSize());
        assertEquals(cp.vocabularySize(), file.vocabularySize());
        assertTrue(cp.isForward() && file.isForward());
    }
}
