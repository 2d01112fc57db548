package org.bioner.tagger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bioner.corpus.Span;
import org.bioner.corpus.TagScheme;

/**
 * The tagger's internal BIOES tag set for some entity types: {@code O}, then {@code S-T, B-T, E-T, I-T}
 * per type (Flair's order). Encodes gold spans to tag indices, decodes tag paths back to spans, and
 * says which transitions BIOES allows (used to constrain the CRF so every decoded path is well-formed).
 * The grammar and the reading of tags are {@link TagScheme#BIOES}'s: this class only numbers the tags.
 */
public final class TagDictionary {

    private final List<String> types;
    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private final List<TagScheme.Tag> parsed = new ArrayList<>();

    public TagDictionary(List<String> entityTypes) {
        if (entityTypes.isEmpty()) throw new IllegalArgumentException("a tagger needs at least one entity type");
        this.types = List.copyOf(entityTypes);
        add("O");
        for (String t : types) {
            if (t.isBlank()) {
                throw new IllegalArgumentException("bad entity type name '" + t + "'");
            }
            for (String p : new String[] {"S-", "B-", "E-", "I-"}) add(p + t);
        }
    }

    /** Rebuilds a dictionary from its tag names (as stored in a model). */
    public static TagDictionary fromNames(List<String> names) {
        List<String> types = new ArrayList<>();
        for (String n : names) if (n.startsWith("S-")) types.add(n.substring(2));
        TagDictionary d = new TagDictionary(types);
        if (!d.names.equals(names)) throw new IllegalArgumentException("not a BIOES tag dictionary: " + names);
        return d;
    }

    private void add(String name) {
        index.put(name, names.size());
        names.add(name);
        parsed.add(TagScheme.BIOES.parse(name));
    }

    public int size() {
        return names.size();
    }

    public List<String> names() {
        return List.copyOf(names);
    }

    public List<String> entityTypes() {
        return types;
    }

    public String name(int i) {
        return names.get(i);
    }

    /** Tag indices for a sentence of {@code length} tokens with these (non-overlapping) gold spans. */
    public int[] encode(int length, List<Span> spans) {
        int[] out = new int[length]; // 0 = O
        for (Span s : spans) {
            Integer sIdx = index.get("S-" + s.type());
            if (sIdx == null) throw new IllegalArgumentException("entity type '" + s.type() + "' is not one of " + types);
            if (s.end() > length) throw new IllegalArgumentException("span " + s + " beyond sentence length " + length);
            if (s.end() - s.start() == 1) {
                out[s.start()] = sIdx;
            } else {
                out[s.start()] = sIdx + 1;
                for (int k = s.start() + 1; k < s.end() - 1; k++) out[k] = sIdx + 3;
                out[s.end() - 1] = sIdx + 2;
            }
        }
        return out;
    }

    /** Spans of a tag path; ill-formed sequences are read leniently, as {@link TagScheme#decode} reads them. */
    public List<Span> decode(int[] path) {
        List<String> tagNames = new ArrayList<>(path.length);
        for (int t : path) tagNames.add(names.get(t));
        return TagScheme.BIOES.decode(tagNames, "");
    }

    /** Whether BIOES allows tag {@code to} right after tag {@code from} ({@link TagScheme#bioesAllows}). */
    public boolean allowed(int from, int to) {
        return TagScheme.bioesAllows(parsed.get(from), parsed.get(to));
    }

    /** Whether a sentence may start with {@code tag}. */
    public boolean allowedStart(int tag) {
        return TagScheme.bioesAllows(TagScheme.SENTENCE_BORDER, parsed.get(tag));
    }

    /** Whether a sentence may end with {@code tag}. */
    public boolean allowedStop(int tag) {
        return TagScheme.bioesAllows(parsed.get(tag), TagScheme.SENTENCE_BORDER);
    }

    @Override
    public String toString() {
        return Arrays.toString(names.toArray());
    }
}
