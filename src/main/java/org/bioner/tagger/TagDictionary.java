package org.bioner.tagger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bioner.evaluation.Span;

/**
 * The tagger's internal BIOES tag set for some entity types: {@code O}, then {@code S-T, B-T, E-T, I-T}
 * per type (Flair's order). Encodes gold spans to tag indices, decodes tag paths back to spans, and
 * says which transitions BIOES allows (used to constrain the CRF so every decoded path is well-formed).
 */
public final class TagDictionary {

    private final List<String> types;
    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();

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

    private static char prefix(String tag) {
        return tag.charAt(0);
    }

    private static String type(String tag) {
        return tag.length() > 2 ? tag.substring(2) : "";
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

    /** Spans of a tag path; ill-formed sequences are read leniently (a B or I without E ends at the type change). */
    public List<Span> decode(int[] path) {
        List<Span> out = new ArrayList<>();
        int start = -1;
        String open = null;
        for (int t = 0; t < path.length; t++) {
            String tag = names.get(path[t]);
            char p = prefix(tag);
            String ty = type(tag);
            if (open != null && (p == 'O' || p == 'S' || p == 'B' || !ty.equals(open))) {
                out.add(new Span(start, t, open));
                open = null;
            }
            switch (p) {
                case 'S' -> out.add(new Span(t, t + 1, ty));
                case 'B', 'I' -> {
                    if (open == null) { open = ty; start = t; }
                }
                case 'E' -> {
                    if (open == null) start = t;
                    out.add(new Span(start, t + 1, ty));
                    open = null;
                }
                default -> { }
            }
        }
        if (open != null) out.add(new Span(start, path.length, open));
        return out;
    }

    /** Whether BIOES allows tag {@code to} right after tag {@code from}. */
    public boolean allowed(int from, int to) {
        String f = names.get(from), t = names.get(to);
        char fp = prefix(f), tp = prefix(t);
        boolean inside = fp == 'B' || fp == 'I';
        if (inside) return (tp == 'I' || tp == 'E') && type(f).equals(type(t));
        return tp == 'O' || tp == 'S' || tp == 'B';
    }

    public boolean allowedStart(int tag) {
        char p = prefix(names.get(tag));
        return p == 'O' || p == 'S' || p == 'B';
    }

    public boolean allowedStop(int tag) {
        char p = prefix(names.get(tag));
        return p == 'O' || p == 'S' || p == 'E';
    }

    @Override
    public String toString() {
        return Arrays.toString(names.toArray());
    }
}
