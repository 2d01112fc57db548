package org.bioner.embeddings.flair.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The training and validation text of a run as dictionary indices in the LM's reading order (reversed for a
 * backward LM), the dictionary, and a fingerprint that lets a resumed run check it reads the same data.
 */
final class PreparedText {

    final List<String> dictionary;
    final int[] train;
    final int[] valid;
    final long fingerprint;

    private PreparedText(List<String> dictionary, int[] train, int[] valid) {
        this.dictionary = dictionary;
        this.train = train;
        this.valid = valid;
        long h = 1125899906842597L;
        for (int v : train) h = 31 * h + v;
        h = 31 * h + train.length;
        for (int v : valid) h = 31 * h + v;
        this.fingerprint = 31 * h + valid.length;
    }

    /**
     * Reads the corpus; holds out the validation file or the last {@code validationChars} characters (at most a
     * tenth of the text); builds the dictionary from the training part unless {@code dictionary} is given.
     */
    static PreparedText prepare(LmTrainingConfig c, List<String> dictionary) throws IOException {
        List<Path> files = CharCorpus.files(c.corpus());
        int[] cps = CharCorpus.readCodePoints(files, c.corpusChars());
        int[] validCps;
        int trainEnd;
        if (c.validationFile() != null) {
            validCps = CharCorpus.readCodePoints(CharCorpus.files(List.of(c.validationFile())), 0);
            trainEnd = cps.length;
        } else {
            int nValid = (int) Math.min(Math.max(0, c.validationChars()), cps.length / 10);
            trainEnd = cps.length - nValid;
            validCps = null;
        }
        List<String> dict = dictionary != null ? dictionary : CharCorpus.buildDictionary(cps, 0, trainEnd, c.minCharCount());
        if (dict.size() < 2) throw new IOException("corpus " + c.corpus() + ": no character is frequent enough for the dictionary (--min-char-count)");
        CharCorpus.Encoder enc = new CharCorpus.Encoder(dict);
        boolean reverse = !c.forward();
        int[] valid = validCps != null ? enc.encode(validCps, 0, validCps.length, reverse) : enc.encode(cps, trainEnd, cps.length, reverse);
        int[] train = enc.encode(cps, 0, trainEnd, reverse);
        return new PreparedText(dict, train, valid);
    }
}
