package org.bioner.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Mention stoplists: by type, case- and whitespace-insensitive; bad lines name the file and line; the bundled list. */
class MentionStoplistTest {

    private static MentionStoplist of(String text) throws IOException {
        return MentionStoplist.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "list.tsv");
    }

    @Test
    void matchesByTypeIgnoringCaseAndSpaces() throws IOException {
        MentionStoplist s = of("# comment\nSpecies\tpatients\n\nGene\thiv-1\n");
        assertEquals(2, s.size());
        assertTrue(s.drops("Species", "Patients"));
        assertFalse(s.drops("Disease", "patients"), "other type");
        assertFalse(s.drops("Species", "patient"), "whole mention only");
        assertTrue(s.drops("Gene", "HIV - 1"));
        List<String> tokens = List.of("HIV", "-", "1", "in", "patients");
        List<Span> spans = List.of(new Span(0, 3, "Gene"), new Span(4, 5, "Species"), new Span(4, 5, "Disease"));
        assertEquals(List.of(new Span(4, 5, "Disease")), s.keep(spans, tokens));
        assertEquals(spans, MentionStoplist.NONE.keep(spans, tokens));
    }

    @Test
    void aBadLineNamesTheFileAndLine() {
        var e = assertThrows(InputFormatException.class, () -> of("Species\tpatients\nno-tab-here\n"));
        assertTrue(e.getMessage().contains("list.tsv:2"), e.getMessage());
        assertThrows(InputFormatException.class, () -> of("Species\t  \n"));
    }

    @Test
    void theBundledSpeciesListIsTheS800Convention() throws IOException {
        try (InputStream in = MentionStoplist.class.getResourceAsStream("/org/bioner/conventions/species-human-nouns.tsv")) {
            MentionStoplist s = MentionStoplist.read(in, MentionStoplist.SPECIES_HUMAN_NOUNS);
            for (String w : List.of("patients", "Patient", "children", "women", "men", "participants")) {
                assertTrue(s.drops("Species", w), w);
            }
            assertFalse(s.drops("Species", "human"), "S800 tags human(s) too");
            assertFalse(s.drops("Species", "mice"));
        }
    }
}
