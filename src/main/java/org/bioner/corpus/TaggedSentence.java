package org.bioner.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One sentence of an IOB corpus: tokens and their tags ({@link IobCorpusParser} gives typed IOB2 tags, e.g.
 * {@code B-Disease}, {@code I-Disease}, {@code O}; see {@link TagScheme} for other encodings).
 * {@code source} and {@code firstLine} locate it in its file for error messages. {@code context} holds the
 * neighbouring sentences of its document where the reader knows them ({@link #inDocumentOrder}), else
 * {@link SentenceContext#NONE}.
 */
public record TaggedSentence(List<String> tokens, List<String> tags, String source, int firstLine, SentenceContext context) {

    public TaggedSentence {
        tokens = List.copyOf(tokens);
        tags = List.copyOf(tags);
        if (context == null) context = SentenceContext.NONE;
        if (tokens.size() != tags.size()) {
            throw new IllegalArgumentException("tokens and tags differ in length at " + source + ":" + firstLine);
        }
    }

    public TaggedSentence(List<String> tokens, List<String> tags, String source, int firstLine) {
        this(tokens, tags, source, firstLine, SentenceContext.NONE);
    }

    public TaggedSentence(List<String> tokens, List<String> tags) {
        this(tokens, tags, "<memory>", 0);
    }

    public int size() {
        return tokens.size();
    }

    /**
     * This sentence with every typed IOB2 tag ({@code B-T}, {@code I-T}) whose type {@code T} is not in
     * {@code types} read as {@code O}; untyped tags ({@code B}, {@code I}) and {@code O} are kept. The one rule for
     * training a model on some of the types a corpus annotates.
     */
    public TaggedSentence keepingTypes(Set<String> types) {
        List<String> kept = new ArrayList<>(tags.size());
        boolean changed = false;
        for (String tag : tags) {
            int dash = tag.indexOf('-');
            boolean drop = dash > 0 && !types.contains(tag.substring(dash + 1));
            kept.add(drop ? "O" : tag);
            changed |= drop;
        }
        return changed ? new TaggedSentence(tokens, kept, source, firstLine, context) : this;
    }

    /**
     * The sentences of a file read in order (the BioBERT files keep each document's sentences in order and
     * documents one after another), each given its neighbours in the list as {@link #context()}. The files mark
     * no document boundary, so the first sentence of a document sees the last one of the document before it.
     */
    public static List<TaggedSentence> inDocumentOrder(List<TaggedSentence> sentences) {
        List<SentenceContext> ctx = SentenceContext.ofDocument(sentences.stream().map(TaggedSentence::tokens).toList());
        List<TaggedSentence> out = new ArrayList<>(sentences.size());
        for (int i = 0; i < sentences.size(); i++) {
            TaggedSentence s = sentences.get(i);
            out.add(new TaggedSentence(s.tokens, s.tags, s.source, s.firstLine, ctx.get(i)));
        }
        return out;
    }

    /** The contexts of {@code sentences}, in order. */
    public static List<SentenceContext> contexts(List<TaggedSentence> sentences) {
        return sentences.stream().map(TaggedSentence::context).toList();
    }
}
