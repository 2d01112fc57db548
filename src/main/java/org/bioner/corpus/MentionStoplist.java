package org.bioner.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Mentions a tagger should not emit, by type and text: a switch between annotation conventions. The bundled
 * {@value #SPECIES_HUMAN_NOUNS} turns the "patients are Homo sapiens" convention of LINNAEUS, BioRED and tmVar3
 * (which a Species model trained on them learns) into that of S800, Variome, RegEl and LocText, which leave
 * patients, children, women, ... untagged (docs/RESULTS.md).
 *
 * <p>File: one {@code TYPE<TAB>mention} per line, {@code #} comments, blank lines ignored. A mention matches an
 * entry of its type case-insensitively and ignoring whitespace, so the tokens {@code HIV - 1} match {@code hiv-1}.
 */
public final class MentionStoplist {

    /** Classpath location of the Species convention list (see the class comment). */
    public static final String SPECIES_HUMAN_NOUNS = "classpath:/org/bioner/conventions/species-human-nouns.tsv";

    /** Drops nothing. */
    public static final MentionStoplist NONE = new MentionStoplist(Set.of());

    private final Set<String> entries; // type + '\t' + normalised text

    private MentionStoplist(Set<String> entries) {
        this.entries = Set.copyOf(entries);
    }

    /** Reads a stoplist; a malformed line fails with {@code source:line} and what was expected. */
    public static MentionStoplist read(InputStream in, String source) throws IOException {
        Set<String> entries = new HashSet<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t", -1);
                if (f.length != 2 || f[0].isBlank() || normalise(f[1]).isEmpty()) {
                    throw new InputFormatException(source, n, "expected TYPE<TAB>mention, found '" + line + "'");
                }
                entries.add(f[0].strip() + "\t" + normalise(f[1]));
            }
        }
        return new MentionStoplist(entries);
    }

    private static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
    }

    public int size() {
        return entries.size();
    }

    /** Whether a mention of {@code type} with this text (e.g. a CAS annotation's covered text) is on the list. */
    public boolean drops(String type, String text) {
        return !entries.isEmpty() && entries.contains(type + "\t" + normalise(text));
    }

    /** The spans of a tokenised sentence that are not on the list, in order. */
    public List<Span> keep(List<Span> spans, List<String> tokens) {
        if (entries.isEmpty()) return spans;
        List<Span> kept = new ArrayList<>(spans.size());
        for (Span s : spans) {
            if (!drops(s.type(), String.join(" ", tokens.subList(s.start(), s.end())))) kept.add(s);
        }
        return kept;
    }
}
