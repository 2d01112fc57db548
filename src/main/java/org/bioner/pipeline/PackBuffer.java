package org.bioner.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.apache.uima.cas.CAS;

/**
 * Documents buffered until they make a full pack for {@link DocumentAnnotator#annotateAll}, for callers that
 * read documents one at a time ({@code bioner annotate}, the Spark partitions): {@link #isFullFor} says by
 * {@link DocumentAnnotator#fitsInPack} when the next document must start a new pack, so the buffer always
 * holds what {@code annotateAll} would pack together. The items are the caller's (a CAS with its bookkeeping);
 * {@code cas} gives each one's document. Not thread-safe.
 *
 * @param <T> what the caller keeps per document
 */
public final class PackBuffer<T> {

    private final DocumentAnnotator annotator;
    private final Function<T, CAS> cas;
    private final List<T> items = new ArrayList<>();
    private long packedChars;

    public PackBuffer(DocumentAnnotator annotator, Function<T, CAS> cas) {
        this.annotator = annotator;
        this.cas = cas;
    }

    /** Whether a document of {@code chars} characters does not fit: the buffer must be annotated first. */
    public boolean isFullFor(int chars) {
        return !annotator.fitsInPack(items.size(), packedChars, chars);
    }

    /** Adds a document of {@code chars} characters (its text's length). */
    public void add(T item, int chars) {
        packedChars = DocumentAnnotator.packedLength(items.size(), packedChars, chars);
        items.add(item);
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** The buffered items, in the order they were added (a live view until {@link #clear}). */
    public List<T> items() {
        return items;
    }

    /** Annotates the buffered documents in place; each one's failure, or null ({@link DocumentAnnotator#annotateAll}). */
    public List<Exception> annotate() {
        return annotator.annotateAll(items.stream().map(cas).toList());
    }

    /** Empties the buffer (the caller releases its items first). */
    public void clear() {
        items.clear();
        packedChars = 0;
    }
}
