package org.bioner.tagger.crf;

import java.util.List;

/**
 * Installs hard constraints ({@link LinearChainCrf#forbid}, {@code forbidStart}, {@code forbidStop}) so that the
 * CRF can never decode an ill-formed tag sequence. Tag names are {@code O}, or a prefix letter optionally followed
 * by {@code -Type} ({@code B-Disease}, or bare {@code B} for single-type corpora). Names that fit neither
 * (e.g. {@code <unk>}) are rejected: a tag the grammar cannot place would otherwise silently allow anything.
 */
public final class TagConstraints {

    private TagConstraints() {
    }

    /**
     * BIOES: {@code B-x}/{@code I-x} must continue with {@code I-x} or {@code E-x}; {@code O}, {@code E-x},
     * {@code S-x} may be followed only by {@code O}, {@code B-*}, {@code S-*}; a sentence starts with
     * {@code O}/{@code B}/{@code S} and ends with {@code O}/{@code E}/{@code S}.
     *
     * @return the number of constraints installed (transitions + start + stop)
     */
    public static int installBioes(LinearChainCrf crf, List<String> tagNames) {
        Tag[] tags = parse(crf, tagNames, "BIOES");
        int n = 0;
        for (int i = 0; i < tags.length; i++) {
            for (int j = 0; j < tags.length; j++) {
                if (!bioesAllowed(tags[i], tags[j])) {
                    crf.forbid(i, j);
                    n++;
                }
            }
            char p = tags[i].prefix;
            if (p == 'I' || p == 'E') {
                crf.forbidStart(i);
                n++;
            }
            if (p == 'B' || p == 'I') {
                crf.forbidStop(i);
                n++;
            }
        }
        return n;
    }

    /**
     * IOB2 (BIO): {@code I-x} may only follow {@code B-x} or {@code I-x}, and cannot start a sentence.
     *
     * @return the number of constraints installed
     */
    public static int installIob2(LinearChainCrf crf, List<String> tagNames) {
        Tag[] tags = parse(crf, tagNames, "BIO");
        int n = 0;
        for (int j = 0; j < tags.length; j++) {
            if (tags[j].prefix != 'I') continue;
            for (int i = 0; i < tags.length; i++) {
                boolean continues = (tags[i].prefix == 'B' || tags[i].prefix == 'I') && tags[i].type.equals(tags[j].type);
                if (!continues) {
                    crf.forbid(i, j);
                    n++;
                }
            }
            crf.forbidStart(j);
            n++;
        }
        return n;
    }

    /** Whether the BIOES grammar allows {@code from -> to}. */
    static boolean bioesAllowed(Tag from, Tag to) {
        if (from.prefix == 'B' || from.prefix == 'I') {
            return (to.prefix == 'I' || to.prefix == 'E') && to.type.equals(from.type);
        }
        return to.prefix == 'O' || to.prefix == 'B' || to.prefix == 'S';
    }

    record Tag(char prefix, String type) {
    }

    static Tag[] parse(LinearChainCrf crf, List<String> names, String prefixes) {
        if (names.size() != crf.numTags()) {
            throw new IllegalArgumentException(names.size() + " tag names for a CRF with " + crf.numTags() + " tags");
        }
        Tag[] tags = new Tag[names.size()];
        for (int i = 0; i < tags.length; i++) {
            tags[i] = parseTag(names.get(i), prefixes);
        }
        return tags;
    }

    static Tag parseTag(String name, String prefixes) {
        if (name.equals("O")) return new Tag('O', "");
        boolean ok = !name.isEmpty() && prefixes.indexOf(name.charAt(0)) >= 0 && name.charAt(0) != 'O'
                && (name.length() == 1 || (name.charAt(1) == '-' && name.length() > 2));
        if (!ok) {
            throw new IllegalArgumentException("tag '" + name + "' is not O or X[-Type] with X one of "
                    + prefixes.replace("O", "") + " (" + prefixes + " scheme)");
        }
        return new Tag(name.charAt(0), name.length() == 1 ? "" : name.substring(2));
    }
}
