package org.bioner.corpus;

/** An entity mention over tokens {@code [start, end)} of one sentence, with its type (e.g. {@code Disease}). */
public record Span(int start, int end, String type) implements Comparable<Span> {

    public Span {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad span [" + start + "," + end + ")");
        }
    }

    @Override
    public int compareTo(Span o) {
        int c = Integer.compare(start, o.start);
        if (c == 0) c = Integer.compare(end, o.end);
        if (c == 0) c = type.compareTo(o.type);
        return c;
    }
}
