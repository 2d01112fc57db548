package org.bioner.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads IOB-tagged corpus files into {@link TaggedSentence}s whose tags are normalised to typed IOB2
 * ({@code B-Disease}, {@code I-Disease}, {@code O}).
 *
 * <p>Formats: {@link Format#BIOBERT} ({@code token<TAB>tag}, exactly two tab-separated columns, tags usually
 * untyped) and {@link Format#CONLL} (CoNLL-2002/2003: whitespace-separated columns, token first, tag last, the same
 * number of columns on every line, {@code -DOCSTART-} lines separate documents). Sentences are separated by blank
 * lines. Untyped tags ({@code B}, {@code I}) get the entity type given to the constructor.
 *
 * <p>Structural errors (column counts, unknown tags, undecodable bytes) always fail with an
 * {@link IobFormatException} naming file and line. In strict mode a tag sequence that breaks the rules of the
 * scheme (e.g. IOB2 {@code I} after {@code O}) fails too; otherwise it is repaired the way conlleval reads it.
 */
public final class IobCorpusParser {

    /** Corpus file layouts. */
    public enum Format {
        /** BioBERT NER datasets: {@code token<TAB>tag}, blank line between sentences, no documents. */
        BIOBERT,
        /** CoNLL-2002/2003 column files: token first, tag last, {@code -DOCSTART-} between documents. */
        CONLL
    }

    /** The first column of a CoNLL document separator line. */
    public static final String DOCSTART = "-DOCSTART-";

    private static final Pattern WHITESPACE = Pattern.compile("[ \\t]+");

    private final Format format;
    private final TagScheme scheme;
    private final String entityType;
    private final boolean strict;
    private final Charset charset;

    /**
     * @param format file layout
     * @param scheme tag scheme of the file
     * @param entityType type given to untyped tags (e.g. {@code Disease})
     * @param strict fail on tag sequences that break the scheme instead of repairing them as conlleval does
     */
    public IobCorpusParser(Format format, TagScheme scheme, String entityType, boolean strict) {
        this(format, scheme, entityType, strict, StandardCharsets.UTF_8);
    }

    public IobCorpusParser(Format format, TagScheme scheme, String entityType, boolean strict, Charset charset) {
        this.format = Objects.requireNonNull(format);
        this.scheme = Objects.requireNonNull(scheme);
        this.entityType = Objects.requireNonNull(entityType);
        if (entityType.isEmpty() || entityType.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("entity type must be a non-empty word: '" + entityType + "'");
        }
        this.strict = strict;
        this.charset = Objects.requireNonNull(charset);
    }

    /** A strict IOB2 parser for BioBERT-style {@code token<TAB>B|I|O} files. */
    public static IobCorpusParser biobert(String entityType) {
        return new IobCorpusParser(Format.BIOBERT, TagScheme.IOB2, entityType, true);
    }

    /** All sentences of a file, documents concatenated. */
    public List<TaggedSentence> parse(Path file) throws IOException {
        return flatten(parseDocuments(file));
    }

    /** The documents of a file, each a list of sentences (a BioBERT file is one document). */
    public List<List<TaggedSentence>> parseDocuments(Path file) throws IOException {
        return parseDocuments(Files.readAllBytes(file), file.toString());
    }

    /** The documents read from a stream; {@code source} names it in error messages. */
    public List<List<TaggedSentence>> parseDocuments(InputStream in, String source) throws IOException {
        return parseDocuments(in.readAllBytes(), source);
    }

    public static List<TaggedSentence> flatten(List<List<TaggedSentence>> documents) {
        List<TaggedSentence> all = new ArrayList<>();
        documents.forEach(all::addAll);
        return all;
    }

    private List<List<TaggedSentence>> parseDocuments(byte[] bytes, String source) throws IOException {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        State state = new State(source);
        int lineNo = 0;
        int pos = 0;
        while (pos < bytes.length) {
            int nl = pos;
            while (nl < bytes.length && bytes[nl] != '\n') nl++;
            lineNo++;
            int end = nl > pos && bytes[nl - 1] == '\r' ? nl - 1 : nl;
            String line = decodeLine(decoder, bytes, pos, end, source, lineNo);
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            state.line(line, lineNo);
            pos = nl + 1;
        }
        state.endSentence(lineNo + 1);
        state.endDocument();
        return state.documents;
    }

    private static String decodeLine(CharsetDecoder decoder, byte[] bytes, int from, int to, String source,
            int lineNo) throws IobFormatException {
        decoder.reset();
        ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
        CharBuffer out = CharBuffer.allocate((int) ((to - from) * (double) decoder.maxCharsPerByte()) + 2);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            // in.position() is at the start of the bad sequence
            int bad = Math.min(in.position(), to - 1);
            throw new IobFormatException(source, lineNo, String.format(
                    "invalid %s byte sequence (byte 0x%02x at byte %d of the line)",
                    decoder.charset().name(), bytes[bad] & 0xff, bad - from + 1));
        }
        return out.flip().toString();
    }

    /** Accumulates tokens, sentences and documents while the lines go by. */
    private final class State {
        final String source;
        final List<List<TaggedSentence>> documents = new ArrayList<>();
        List<TaggedSentence> document = new ArrayList<>();
        final List<String> tokens = new ArrayList<>();
        final List<String> tags = new ArrayList<>();
        int sentenceStart;
        int columns = -1;      // CoNLL: column count fixed by the first token line
        int columnsLine;

        State(String source) {
            this.source = source;
        }

        void line(String line, int lineNo) throws IobFormatException {
            if (line.isBlank()) {
                endSentence(lineNo);
                return;
            }
            String token;
            String tag;
            if (format == Format.BIOBERT) {
                String[] fields = line.split("\t", -1);
                if (fields.length != 2) {
                    throw new IobFormatException(source, lineNo, "expected 2 tab-separated columns (token<TAB>tag), "
                            + "found " + fields.length + ": '" + line + "'");
                }
                token = fields[0];
                tag = fields[1].strip();
                if (token.isBlank() || tag.isEmpty()) {
                    throw new IobFormatException(source, lineNo, "empty " + (token.isBlank() ? "token" : "tag")
                            + ": '" + line + "'");
                }
            } else {
                String[] fields = WHITESPACE.split(line.strip());
                if (fields[0].equals(DOCSTART)) {
                    endSentence(lineNo);
                    endDocument();
                    return;
                }
                if (fields.length < 2) {
                    throw new IobFormatException(source, lineNo, "expected at least 2 columns (token ... tag), "
                            + "found 1: '" + line + "'");
                }
                if (columns < 0) {
                    columns = fields.length;
                    columnsLine = lineNo;
                } else if (fields.length != columns) {
                    throw new IobFormatException(source, lineNo, "found " + fields.length + " columns but line "
                            + columnsLine + " has " + columns + ": '" + line + "'");
                }
                token = fields[0];
                tag = fields[fields.length - 1];
            }
            try {
                scheme.parse(tag);
            } catch (IllegalArgumentException e) {
                throw new IobFormatException(source, lineNo, e.getMessage());
            }
            if (tokens.isEmpty()) {
                sentenceStart = lineNo;
            }
            tokens.add(token);
            tags.add(tag);
        }

        void endSentence(int lineNo) throws IobFormatException {
            if (tokens.isEmpty()) {
                return;
            }
            if (strict) {
                TagScheme.Violation v = scheme.firstViolation(tags);
                if (v != null) {
                    throw new IobFormatException(source, sentenceStart + v.index(), v.message());
                }
            }
            List<String> iob2 = TagScheme.IOB2.encode(scheme.decode(tags, entityType), tags.size());
            document.add(new TaggedSentence(tokens, iob2, source, sentenceStart));
            tokens.clear();
            tags.clear();
        }

        void endDocument() {
            if (!document.isEmpty()) {
                documents.add(document);
                document = new ArrayList<>();
            }
        }
    }
}
