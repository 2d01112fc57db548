package org.bioner.embeddings.glove;

import org.bioner.tokenization.BioTokenizer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * The text GloVe is trained on, as a stream of tokenised documents. Two kinds of source:
 * plain text (optionally gzipped), one document per line, tokenised with the project's {@link BioTokenizer}
 * so tokens match the NER data; and IOB/CoNLL files ({@code token<TAB>tag}, blank line between sentences),
 * whose tokens are used as they are, one sentence per document. Co-occurrence windows never cross documents.
 */
public final class GloveCorpus {

    private final List<Path> textFiles;
    private final List<Path> conllFiles;
    private final boolean lowercase;
    private final int maxDocumentsPerFile;
    private final String numberMask;
    private final BioTokenizer tokenizer = new BioTokenizer();

    /**
     * @param lowercase           lower-case every token (keeps the vocabulary compact; lookups of a cased
     *                            token fall back to its lower case, as Flair does)
     * @param maxDocumentsPerFile read at most this many documents of each file (0 = all), for quick slices
     */
    public GloveCorpus(List<Path> textFiles, List<Path> conllFiles, boolean lowercase, int maxDocumentsPerFile) {
        this(textFiles, conllFiles, lowercase, maxDocumentsPerFile, null);
    }

    /**
     * @param numberMask a string that stands for a masked number in the plain text (e.g. {@code <dig>} in the
     *                   lower-cased BMC set), read as the number {@code 0} so that it is one token, as a number
     *                   of the NER data is, and lookups of unknown numbers find it through the digits-as-0 rule of
     *                   {@link WordVectors#lookup}; null: none
     */
    public GloveCorpus(List<Path> textFiles, List<Path> conllFiles, boolean lowercase, int maxDocumentsPerFile, String numberMask) {
        if (numberMask != null && numberMask.isEmpty()) throw new IllegalArgumentException("empty number mask");
        this.textFiles = List.copyOf(textFiles);
        this.conllFiles = List.copyOf(conllFiles);
        this.lowercase = lowercase;
        this.maxDocumentsPerFile = maxDocumentsPerFile;
        this.numberMask = numberMask;
    }

    /** The masked-number string read as {@code 0}, or null. */
    public String numberMask() {
        return numberMask;
    }

    public List<Path> textFiles() {
        return textFiles;
    }

    public List<Path> conllFiles() {
        return conllFiles;
    }

    public boolean lowercase() {
        return lowercase;
    }

    /** Calls {@code sink} with the tokens of every document, in file order. */
    public void forEachDocument(Consumer<List<String>> sink) throws IOException {
        for (Path f : textFiles) {
            try (BufferedReader r = reader(f)) {
                String line;
                long lineNo = 0;
                int docs = 0;
                while ((line = readLine(r, f, lineNo)) != null) {
                    lineNo++;
                    if (line.isBlank()) continue;
                    List<String> tokens = tokenizer.tokenTexts(numberMask == null ? line : line.replace(numberMask, "0"));
                    if (lowercase) tokens.replaceAll(t -> t.toLowerCase(Locale.ROOT));
                    sink.accept(tokens);
                    if (maxDocumentsPerFile > 0 && ++docs >= maxDocumentsPerFile) break;
                }
            }
        }
        for (Path f : conllFiles) {
            try (BufferedReader r = reader(f)) {
                String line;
                long lineNo = 0;
                int docs = 0;
                List<String> sentence = new ArrayList<>();
                while ((line = readLine(r, f, lineNo)) != null) {
                    lineNo++;
                    if (line.isBlank()) {
                        if (!sentence.isEmpty()) {
                            sink.accept(sentence);
                            sentence = new ArrayList<>();
                            if (maxDocumentsPerFile > 0 && ++docs >= maxDocumentsPerFile) break;
                        }
                        continue;
                    }
                    int tab = line.indexOf('\t');
                    if (tab <= 0) {
                        throw new IOException(f + ":" + lineNo + ": expected 'token<TAB>tag', found '"
                                + WordVectorFiles.abbreviate(line) + "'");
                    }
                    String token = line.substring(0, tab);
                    sentence.add(lowercase ? token.toLowerCase(Locale.ROOT) : token);
                }
                if (!sentence.isEmpty() && (maxDocumentsPerFile <= 0 || docs < maxDocumentsPerFile)) sink.accept(sentence);
            }
        }
    }

    private static BufferedReader reader(Path f) throws IOException {
        InputStream in = Files.newInputStream(f);
        if (f.getFileName().toString().endsWith(".gz")) in = new GZIPInputStream(in, 1 << 16);
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        return new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
    }

    private static String readLine(BufferedReader r, Path f, long linesRead) throws IOException {
        try {
            return r.readLine();
        } catch (java.nio.charset.CharacterCodingException e) {
            // the reader decodes ahead, so the bad byte is at or shortly after this line
            throw new IOException(f + ":" + (linesRead + 1) + " (or a few lines later): invalid UTF-8", e);
        }
    }
}
