package org.bioner.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bioner.corpus.TaggedSentence;

/**
 * A tiny NER task that needs context: "flu"/"fever" are always diseases, "heart attack" is a two-token
 * disease, and "cold" is a disease after "a" but not after "is" ("has a cold" vs "is cold").
 */
public final class SyntheticTask {

    private static final String[] FILLER = {"the", "patient", "has", "had", "today", "and", "doctor", "said", "it", "was", "very", "now"};

    private SyntheticTask() { }

    public static List<TaggedSentence> sentences(int n, long seed) {
        Random r = new Random(seed);
        List<TaggedSentence> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> tok = new ArrayList<>();
            List<String> tag = new ArrayList<>();
            int len = 3 + r.nextInt(8);
            while (tok.size() < len) {
                switch (r.nextInt(7)) {
                    case 0 -> { tok.add("flu"); tag.add("B-Disease"); }
                    case 1 -> { tok.add("fever"); tag.add("B-Disease"); }
                    case 2 -> { tok.add("heart"); tag.add("B-Disease"); tok.add("attack"); tag.add("I-Disease"); }
                    case 3 -> { tok.add("a"); tag.add("O"); tok.add("cold"); tag.add("B-Disease"); }
                    case 4 -> { tok.add("is"); tag.add("O"); tok.add("cold"); tag.add("O"); }
                    default -> { tok.add(FILLER[r.nextInt(FILLER.length)]); tag.add("O"); }
                }
            }
            out.add(new TaggedSentence(tok, tag, "synthetic", i + 1));
        }
        return out;
    }

    /**
     * The task as two corpora that disagree, alternating sentences: corpus A (files {@code data/A/train.tsv}) tags
     * as above, corpus B ({@code data/B/train.tsv}) does not count "fever" as a disease.
     */
    public static List<TaggedSentence> twoConventions(int n, long seed) {
        List<TaggedSentence> out = new ArrayList<>();
        for (TaggedSentence s : sentences(n, seed)) {
            boolean b = out.size() % 2 == 1;
            List<String> tags = new ArrayList<>(s.tags());
            for (int t = 0; t < tags.size(); t++) if (b && s.tokens().get(t).equals("fever")) tags.set(t, "O");
            out.add(new TaggedSentence(s.tokens(), tags, "data/" + (b ? "B" : "A") + "/train.tsv", s.firstLine()));
        }
        return out;
    }

    /**
     * A task only a word's characters solve: every word is new (random letters), and a disease is exactly a word that
     * ends in "itis". Different seeds share (almost) no words, so a model must read the suffix to tag a test split.
     */
    public static List<TaggedSentence> suffixes(int n, long seed) {
        Random r = new Random(seed);
        List<TaggedSentence> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> tok = new ArrayList<>();
            List<String> tag = new ArrayList<>();
            int len = 3 + r.nextInt(6);
            for (int k = 0; k < len; k++) {
                StringBuilder w = new StringBuilder();
                for (int c = 3 + r.nextInt(5); c > 0; c--) w.append((char) ('a' + r.nextInt(26)));
                boolean disease = r.nextInt(5) == 0;
                if (disease) w.append("itis");
                else if (w.toString().endsWith("it")) w.append('y'); // no filler ends in "itis"
                tok.add(w.toString());
                tag.add(disease ? "B-Disease" : "O");
            }
            out.add(new TaggedSentence(tok, tag, "synthetic", i + 1));
        }
        return out;
    }
}
