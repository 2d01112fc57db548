package org.bioner.corpus;

import java.util.List;

/**
 * One PubTator document: {@code PMID|t|title}, {@code PMID|a|abstract}, then mention lines
 * {@code PMID<TAB>start<TAB>end<TAB>text<TAB>type[<TAB>id]}. Mention offsets count Unicode code points
 * in {@link #text()}, which is the title, a separator and the abstract (the PubTator convention: the
 * abstract starts at title length + 1).
 *
 * @param abstractText the abstract, or null when the document has only a title
 */
public record PubTatorDocument(String id, String title, String abstractText, List<Mention> mentions) {

    /** Separator between title and abstract in the document text (one character, as the offsets assume). */
    public static final String SEPARATOR = "\n";

    /** One annotated mention; offsets in code points of the document text. */
    public record Mention(int start, int end, String text, String type, String identifier) {
    }

    /** The document text the mention offsets refer to. */
    public String text() {
        return abstractText == null ? title : title + SEPARATOR + abstractText;
    }
}
