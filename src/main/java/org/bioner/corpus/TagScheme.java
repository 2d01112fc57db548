package org.bioner.corpus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Sequence-label encodings of entity spans.
 *
 * <ul>
 * <li>{@link #IOB1}: {@code I-X} inside entities; {@code B-X} only on the first token of an entity that directly
 * follows another entity of the same type.</li>
 * <li>{@link #IOB2}: {@code B-X} on the first token of every entity, {@code I-X} on the rest.</li>
 * <li>{@link #BIOES}: {@code S-X} for one-token entities, else {@code B-X I-X* E-X}.</li>
 * </ul>
 *
 * {@link #decode} is lenient in the way conlleval is: {@code B-X} (and {@code S-X}) always start an entity, and an
 * inside tag ({@code I-X}, {@code E-X}) after {@code O}, after the end of an entity or after a different type starts
 * a new one instead of being an error. Tags may be untyped ({@code B}, {@code I}); they get the default type passed
 * in. A span with an empty type is encoded untyped, so untyped tags survive {@link #toBioes}/{@link #toIob2}.
 */
public enum TagScheme {
    IOB1("BI"), IOB2("BI"), BIOES("BIES");

    /** The tag outside any entity. */
    public static final String OUTSIDE = "O";

    private final String prefixes;

    TagScheme(String prefixes) {
        this.prefixes = prefixes;
    }

    /** A parsed tag: its prefix letter ({@code 'O'} for outside) and its type ({@code ""} when untyped). */
    public record Tag(char prefix, String type) {
        public boolean isOutside() {
            return prefix == 'O';
        }
    }

    /**
     * Parses one tag of this scheme.
     *
     * @throws IllegalArgumentException if it is not {@code O}, {@code P} or {@code P-TYPE} with a prefix of this
     *         scheme and a non-empty type.
     */
    public Tag parse(String tag) {
        if (OUTSIDE.equals(tag)) {
            return new Tag('O', "");
        }
        if (tag.isEmpty() || prefixes.indexOf(tag.charAt(0)) < 0) {
            throw new IllegalArgumentException("unknown tag '" + tag + "' for scheme " + this
                    + " (expected O or " + String.join("/", prefixes.split("")) + " with an optional -TYPE)");
        }
        if (tag.length() == 1) {
            return new Tag(tag.charAt(0), "");
        }
        if (tag.charAt(1) != '-' || tag.length() == 2) {
            throw new IllegalArgumentException("unknown tag '" + tag + "' for scheme " + this
                    + " (expected PREFIX-TYPE, e.g. B-Disease)");
        }
        return new Tag(tag.charAt(0), tag.substring(2));
    }

    /** True if {@code tag} is a tag of this scheme. */
    public boolean isValidTag(String tag) {
        try {
            parse(tag);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Decodes tags into entity spans exactly as conlleval does for IOB1/IOB2 (and analogously for BIOES).
     *
     * @param defaultType the type given to untyped tags ({@code B}, {@code I}, ...)
     * @throws IllegalArgumentException on a tag that does not belong to this scheme
     */
    public List<Span> decode(List<String> tags, String defaultType) {
        List<Span> spans = new ArrayList<>();
        int start = -1;          // start of the open entity, -1 if none
        String type = null;      // type of the open entity
        for (int i = 0; i < tags.size(); i++) {
            Tag tag = parse(tags.get(i));
            String t = tag.type().isEmpty() ? defaultType : tag.type();
            boolean continues = start >= 0 && (tag.prefix() == 'I' || tag.prefix() == 'E') && t.equals(type);
            if (!continues && start >= 0) {
                spans.add(new Span(start, i, type));
                start = -1;
            }
            if (!tag.isOutside() && !continues) {
                start = i;
                type = t;
            }
            // BIOES: E and S close the entity on this token, so a following I/E starts a new one (as conlleval's E)
            if (tag.prefix() == 'E' || tag.prefix() == 'S') {
                spans.add(new Span(start, i + 1, type));
                start = -1;
            }
        }
        if (start >= 0) {
            spans.add(new Span(start, tags.size(), type));
        }
        return spans;
    }

    /**
     * Encodes non-overlapping spans over a sentence of {@code length} tokens. Spans with an empty type get untyped
     * tags.
     *
     * @throws IllegalArgumentException if spans overlap or lie outside the sentence
     */
    public List<String> encode(List<Span> spans, int length) {
        List<String> tags = new ArrayList<>(Collections.nCopies(length, OUTSIDE));
        List<Span> sorted = new ArrayList<>(spans);
        Collections.sort(sorted);
        Span previous = null;
        for (Span s : sorted) {
            if (s.end() > length) {
                throw new IllegalArgumentException("span " + s + " exceeds sentence length " + length);
            }
            if (previous != null && s.start() < previous.end()) {
                throw new IllegalArgumentException("overlapping spans " + previous + " and " + s);
            }
            boolean adjacentSameType = previous != null && previous.end() == s.start()
                    && previous.type().equals(s.type());
            for (int i = s.start(); i < s.end(); i++) {
                char prefix;
                if (this == BIOES) {
                    if (s.end() - s.start() == 1) prefix = 'S';
                    else if (i == s.start()) prefix = 'B';
                    else if (i == s.end() - 1) prefix = 'E';
                    else prefix = 'I';
                } else if (this == IOB2) {
                    prefix = i == s.start() ? 'B' : 'I';
                } else {
                    prefix = i == s.start() && adjacentSameType ? 'B' : 'I';
                }
                tags.set(i, s.type().isEmpty() ? String.valueOf(prefix) : prefix + "-" + s.type());
            }
            previous = s;
        }
        return tags;
    }

    /**
     * Returns a description of the first tag that breaks the strict rules of this scheme, or {@code null} if the
     * sequence is well formed. Strict rules: IOB2 {@code I-X} only after {@code B-X}/{@code I-X}; IOB1 {@code B-X}
     * only right after an {@code X} entity; BIOES {@code I-X}/{@code E-X} only after {@code B-X}/{@code I-X}, and
     * {@code B-X}/{@code I-X} followed by {@code I-X}/{@code E-X}. Unknown tags are reported too.
     *
     * @return {@code null}, or a violation with the index of the offending tag
     */
    public Violation firstViolation(List<String> tags) {
        Tag prev = SENTENCE_BORDER;
        for (int i = 0; i <= tags.size(); i++) {
            Tag tag;
            if (i == tags.size()) {
                tag = SENTENCE_BORDER;
            } else {
                try {
                    tag = parse(tags.get(i));
                } catch (IllegalArgumentException e) {
                    return new Violation(i, e.getMessage());
                }
            }
            boolean sameTypeAsPrev = !prev.isOutside() && prev.type().equals(tag.type());
            switch (this) {
                case IOB2 -> {
                    if (tag.prefix() == 'I' && !sameTypeAsPrev) {
                        return new Violation(i, "'" + tags.get(i) + "' does not continue an entity (" + describe(prev)
                                + " before it); IOB2 entities start with B");
                    }
                }
                case IOB1 -> {
                    if (tag.prefix() == 'B' && !sameTypeAsPrev) {
                        return new Violation(i, "'" + tags.get(i) + "' does not follow an entity of the same type ("
                                + describe(prev) + " before it); IOB1 uses B only between adjacent entities");
                    }
                }
                case BIOES -> {
                    if (!bioesAllows(prev, tag) && (tag.prefix() == 'I' || tag.prefix() == 'E')) {
                        return new Violation(i, "'" + tags.get(i) + "' does not continue an entity (" + describe(prev)
                                + " before it); BIOES entities start with B or S");
                    }
                    if (!bioesAllows(prev, tag)) {
                        return new Violation(i, "entity tag '" + tags.get(i - 1) + "' is not closed: followed by "
                                + (i == tags.size() ? "the end of the sentence" : "'" + tags.get(i) + "'")
                                + "; BIOES entities end with E");
                    }
                }
                default -> throw new AssertionError(this);
            }
            prev = tag;
        }
        return null;
    }

    /** The tag before the first and after the last token of a sentence, as the BIOES grammar sees it. */
    public static final Tag SENTENCE_BORDER = new Tag('O', "");

    /**
     * The BIOES grammar, the one rule that the strict reading ({@link #firstViolation}), the tagger's tag
     * dictionary and so its CRF constraints all use: after {@code B-X} or {@code I-X} comes {@code I-X} or
     * {@code E-X}; after anything else ({@code O}, {@code E-*}, {@code S-*}, {@link #SENTENCE_BORDER}) comes
     * {@code O}, {@code B-*}, {@code S-*} or the sentence border. Types compare as strings (untyped tags
     * continue untyped ones).
     */
    public static boolean bioesAllows(Tag from, Tag to) {
        boolean open = from.prefix() == 'B' || from.prefix() == 'I';
        boolean inside = to.prefix() == 'I' || to.prefix() == 'E';
        return open ? inside && to.type().equals(from.type()) : !inside;
    }

    /** A broken strict rule: the index of the offending tag (may equal the length for an unclosed entity). */
    public record Violation(int index, String message) {
    }

    private static String describe(Tag t) {
        return t.isOutside() ? "O or sentence start" : t.prefix() + (t.type().isEmpty() ? "" : "-" + t.type());
    }

    /** Re-encodes tags of this scheme in {@code target}, repairing ill-formed sequences as {@link #decode} does. */
    public List<String> convert(List<String> tags, TagScheme target) {
        return target.encode(decode(tags, ""), tags.size());
    }

    /** IOB2 (or IOB1) tags to BIOES, typed or untyped; ill-formed input is repaired as conlleval reads it. */
    public static List<String> toBioes(List<String> iobTags) {
        return IOB2.convert(iobTags, BIOES);
    }

    /** BIOES tags to IOB2, typed or untyped; ill-formed input is repaired as {@link #decode} reads it. */
    public static List<String> toIob2(List<String> bioesTags) {
        return BIOES.convert(bioesTags, IOB2);
    }
}
