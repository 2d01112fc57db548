package org.bioner.corpus;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes sentences as {@code token<TAB>TAG} lines with a blank line after each sentence (UTF-8, LF), the layout
 * {@link IobCorpusParser.Format#BIOBERT} reads. Tags are written as IOB2, typed ({@code B-Disease}) or untyped
 * BioBERT style ({@code B}); input tags are read as IOB2 (ill-formed sequences repaired as conlleval reads them).
 */
public final class IobWriter {

    private final boolean typed;

    /** @param typed write {@code B-TYPE}/{@code I-TYPE} tags; otherwise bare {@code B}/{@code I}. */
    public IobWriter(boolean typed) {
        this.typed = typed;
    }

    public void write(List<TaggedSentence> sentences, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(sentences, out);
        }
    }

    public void write(List<TaggedSentence> sentences, Writer out) throws IOException {
        for (TaggedSentence s : sentences) {
            List<String> tags = tags(s);
            for (int i = 0; i < s.size(); i++) {
                String token = s.tokens().get(i);
                if (token.isEmpty() || token.chars().anyMatch(c -> c == '\t' || c == '\n' || c == '\r')) {
                    throw new IllegalArgumentException("token " + i + " of the sentence at " + s.source() + ":"
                            + s.firstLine() + " cannot be written as a column: '" + token + "'");
                }
                out.write(token);
                out.write('\t');
                out.write(tags.get(i));
                out.write('\n');
            }
            out.write('\n');
        }
    }

    private List<String> tags(TaggedSentence s) {
        List<Span> spans = TagScheme.IOB2.decode(s.tags(), "");
        if (!typed) {
            spans = spans.stream().map(sp -> new Span(sp.start(), sp.end(), "")).toList();
        }
        return TagScheme.IOB2.encode(spans, s.size());
    }
}
