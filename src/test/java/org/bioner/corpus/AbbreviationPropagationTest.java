package org.bioner.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;

import org.bioner.corpus.AbbreviationPropagation.Definition;
import org.junit.jupiter.api.Test;

/**
 * Abbreviation propagation: Schwartz &amp; Hearst definitions on tokens (examples from BC5CDR and NCBI-disease
 * text, and the cases the rule must refuse), and the propagation rule: only added, only from a mention that is
 * exactly a long form or a parenthesised short form, only over untagged tokens, only inside the window.
 */
class AbbreviationPropagationTest {

    private static List<String> toks(String s) {
        return Arrays.asList(s.split(" "));
    }

    /** "long form | short form" for each definition of a sentence. */
    private static List<String> defs(String sentence) {
        List<String> t = toks(sentence);
        return AbbreviationPropagation.definitions(t).stream()
                .map(d -> String.join(" ", t.subList(d.longStart(), d.longEnd())) + " | " + String.join(" ", d.shortForm()))
                .toList();
    }

    @Test
    void findsSchwartzHearstDefinitions() {
        assertEquals(List.of("glyceryl trinitrate | GTN"), defs("we gave glyceryl trinitrate ( GTN ) to"));
        assertEquals(List.of("hydrochlorothiazide | HCTZ"), defs("with hydrochlorothiazide ( HCTZ ) ."));
        assertEquals(List.of("oral contraceptives | OCs"), defs("users of oral contraceptives ( OCs ) were"));
        assertEquals(List.of("torsade de pointes | TdP"), defs("risk of torsade de pointes ( TdP ) and"));
        // a hyphen is a token of its own in BioBERT files; the long form is the shortest run holding O, I, H in order
        assertEquals(List.of("opioid - induced hyperalgesia | OIH"), defs("opioid - induced hyperalgesia ( OIH ) is"));
        // a multi-token short form; two definitions in one sentence
        assertEquals(List.of("angiotensin II | Ang II", "myocardial infarction | MI"),
                defs("angiotensin II ( Ang II ) after myocardial infarction ( MI ) ."));
    }

    @Test
    void refusesWhatIsNotADefinition() {
        assertEquals(List.of(), defs("in 12 patients ( 40 % ) the"), "no letter");
        assertEquals(List.of(), defs("cholecystokinin octapeptide ( CCK - 8 ) was"), "the 8 is nowhere before");
        assertEquals(List.of(), defs("the ( receptor ) was"), "nothing before can hold it");
        assertEquals(List.of(), defs("a long parenthetical ( one two three four ) here"), "more than 3 tokens");
        assertEquals(List.of(), defs("the cell ( C ) line"), "shorter than 2 characters");
        assertEquals(List.of(), defs("levels of leukotriene ( - LT ) rose"), "starts with neither letter nor digit");
        // the first letter must start a word: "G" inside "drug" does not start "GTN"
        assertEquals(List.of(), defs("drug trinitrate ( GTN )"));
        // at most min(|SF| + 5, 2|SF|) words: "MI" may span 4 words, not 5
        assertEquals(List.of("myocardial a b infarction | MI"), defs("myocardial a b infarction ( MI )"));
        assertEquals(List.of(), defs("myocardial a b c infarction ( MI )"));
    }

    @Test
    void propagatesAnExactLongFormTypeInsideTheWindow() {
        List<List<String>> sentences = List.of(
                toks("we gave glyceryl trinitrate ( GTN ) daily"),
                toks("GTN reduced pain ; GTN was safe"),
                toks("no abbreviation here"),
                toks("GTN again"));
        List<List<Span>> spans = List.of(List.of(new Span(2, 4, "Chemical")), List.of(), List.of(), List.of());
        List<List<Span>> one = AbbreviationPropagation.propagate(sentences, spans, 1);
        assertEquals(List.of(new Span(2, 4, "Chemical"), new Span(5, 6, "Chemical")), one.get(0), "inside the parentheses");
        assertEquals(List.of(new Span(0, 1, "Chemical"), new Span(4, 5, "Chemical")), one.get(1));
        assertEquals(List.of(), one.get(3), "outside the window");
        assertEquals(List.of(new Span(0, 1, "Chemical")), AbbreviationPropagation.propagate(sentences, spans, 3).get(3));
        assertEquals(List.of(), AbbreviationPropagation.propagate(sentences, spans, 0).get(1), "window 0: own sentence only");
        assertEquals(List.of(), spans.get(1), "the input is not changed");
    }

    @Test
    void addsNothingWithoutAnExactLongFormOrOverAMention() {
        List<List<String>> sentences = List.of(toks("we gave glyceryl trinitrate ( GTN ) daily"), toks("GTN - induced headache"));
        // the mention ends where the long form ends but starts elsewhere: no type for GTN
        List<List<Span>> loose = List.of(List.of(new Span(3, 4, "Chemical")), List.of());
        assertEquals(loose, AbbreviationPropagation.propagate(sentences, loose, 5));
        // no long-form mention at all: nothing is added, and a tagged short form stays (nothing is removed)
        List<List<Span>> none = List.of(List.of(), List.of(new Span(0, 1, "Chemical")));
        assertEquals(none, AbbreviationPropagation.propagate(sentences, none, 5));
        // an occurrence that a mention already covers keeps that mention only
        List<List<Span>> covered = List.of(List.of(new Span(2, 4, "Chemical")), List.of(new Span(0, 4, "Disease")));
        List<List<Span>> out = AbbreviationPropagation.propagate(sentences, covered, 5);
        assertEquals(List.of(new Span(0, 4, "Disease")), out.get(1));
        assertEquals(List.of(new Span(2, 4, "Chemical"), new Span(5, 6, "Chemical")), out.get(0));
    }

    @Test
    void spreadsAShortFormTaggedInsideItsOwnParentheses() {
        // no long form holds the 4 of NH4Ac, so there is no definition; the tagger tagged the short form itself
        List<List<String>> sentences = List.of(
                toks("buffered with ammonium acetate ( NH4Ac ) at pH 7"),
                toks("NH4Ac was removed ; then NH4Ac again"),
                toks("NH4Ac later"));
        assertEquals(List.of(), AbbreviationPropagation.definitions(sentences.get(0)));
        List<List<Span>> tagged = List.of(List.of(new Span(5, 6, "Chemical")), List.of(), List.of());
        List<List<Span>> out = AbbreviationPropagation.propagate(sentences, tagged, 1);
        assertEquals(List.of(new Span(0, 1, "Chemical"), new Span(5, 6, "Chemical")), out.get(1));
        assertEquals(List.of(), out.get(2), "outside the window");
        // a multi-token short form, typed by its own mention while the long form is untagged
        List<List<String>> two = List.of(toks("angiotensin II ( Ang II ) rose"), toks("Ang II fell"));
        assertEquals(List.of(new Span(0, 2, "Gene")),
                AbbreviationPropagation.propagate(two, List.of(List.of(new Span(3, 5, "Gene")), List.of()), 1).get(1));
        // a mention that is not exactly the tokens between the parentheses spreads nothing
        List<List<Span>> wider = List.of(List.of(new Span(4, 7, "Chemical")), List.of(), List.of());
        assertEquals(wider, AbbreviationPropagation.propagate(sentences, wider, 1));
        // nor does one in parentheses that hold no short form (a single character)
        List<List<String>> c = List.of(toks("the cell ( C ) line"), toks("C again"));
        List<List<Span>> cTagged = List.of(List.of(new Span(3, 4, "Species")), List.of());
        assertEquals(cTagged, AbbreviationPropagation.propagate(c, cTagged, 1));
    }

    @Test
    void offAddsNothingAndAnyOtherNegativeWindowIsRefused() {
        List<List<String>> sentences = List.of(toks("glyceryl trinitrate ( GTN ) was given"), toks("GTN helped"));
        List<List<Span>> tagged = List.of(List.of(new Span(0, 2, "Chemical")), List.of());
        assertEquals(3, AbbreviationPropagation.propagate(sentences, tagged, 1).stream().mapToInt(List::size).sum(), "on: both GTNs added");
        assertEquals(tagged, AbbreviationPropagation.propagate(sentences, tagged, AbbreviationPropagation.OFF));
        assertThrows(IllegalArgumentException.class,
                () -> AbbreviationPropagation.propagate(List.of(), List.of(), -2));
    }

    @Test
    void definitionRecordKeepsTheShortFormTokens() {
        Definition d = AbbreviationPropagation.definitions(toks("angiotensin II ( Ang II )")).get(0);
        assertEquals(new Definition(0, 2, List.of("Ang", "II")), d);
    }
}
