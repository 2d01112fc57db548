package org.bioner.corpus;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Streaming PubTator parser. A malformed document raises an {@link InputFormatException} naming file and
 * line; the parser has then skipped to the end of that document, so the caller may go on with the next
 * one (one bad document does not cost the rest of the file).
 */
public final class PubTatorParser implements Closeable {

    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private final StrictUtf8.LineReader lines;
    private String pending;
    /** Whether the blank line (or end of input) ending the current document has been read. */
    private boolean documentEnded;

    public PubTatorParser(InputStream in, String source) {
        this.lines = new StrictUtf8.LineReader(in, source);
    }

    /** The next document, or null at the end of the input. */
    public PubTatorDocument next() throws IOException {
        String line = pending != null ? pending : lines.readLine();
        pending = null;
        while (line != null && line.isBlank()) {
            line = lines.readLine();
        }
        if (line == null) {
            return null;
        }
        documentEnded = false;
        try {
            return parseDocument(line);
        } catch (InputFormatException e) {
            skipToBlankLine();
            throw e;
        }
    }

    private PubTatorDocument parseDocument(String first) throws IOException {
        String[] title = splitHeader(first, 't');
        String id = title[0];
        String abstractText = null;
        List<String> mentionLines = new ArrayList<>();
        List<Long> mentionLineNumbers = new ArrayList<>();
        String line;
        while ((line = lines.readLine()) != null && !line.isBlank()) {
            if (abstractText == null && mentionLines.isEmpty() && isHeader(line, 'a')) {
                String[] abs = splitHeader(line, 'a');
                if (!abs[0].equals(id)) {
                    throw error("abstract line has id " + abs[0] + " but the title has " + id);
                }
                abstractText = abs[1];
            } else if (isHeader(line, 't')) {
                // next document without a blank line in between: tolerated, it starts here
                pending = line;
                documentEnded = true;
                break;
            } else {
                mentionLines.add(line);
                mentionLineNumbers.add(lines.lineNumber());
            }
        }
        documentEnded = true;
        PubTatorDocument draft = new PubTatorDocument(id, title[1], abstractText, List.of());
        CodePointOffsets offsets = new CodePointOffsets(draft.text());
        List<PubTatorDocument.Mention> mentions = new ArrayList<>();
        for (int i = 0; i < mentionLines.size(); i++) {
            PubTatorDocument.Mention m = parseMention(mentionLines.get(i), id, draft.text(), offsets,
                    mentionLineNumbers.get(i));
            if (m != null) {
                mentions.add(m);
            }
        }
        return new PubTatorDocument(id, title[1], abstractText, mentions);
    }

    private static boolean isHeader(String line, char kind) {
        int bar = line.indexOf('|');
        int tab = line.indexOf('\t');
        return bar > 0 && line.length() > bar + 2 && line.charAt(bar + 1) == kind && line.charAt(bar + 2) == '|'
                && (tab < 0 || tab > bar);
    }

    private String[] splitHeader(String line, char kind) throws InputFormatException {
        if (!isHeader(line, kind)) {
            throw error("expected 'ID|" + kind + "|text', found: " + abbreviate(line));
        }
        int bar = line.indexOf('|');
        return new String[] {line.substring(0, bar), line.substring(bar + 3)};
    }

    /** A mention, or null for a relation line (PMID, relation type, two concept ids), which is skipped. */
    private PubTatorDocument.Mention parseMention(String line, String id, String text, CodePointOffsets offsets,
            long lineNumber) throws InputFormatException {
        String[] cols = line.split("\t", -1);
        if (cols.length == 4 && cols[0].equals(id) && !DIGITS.matcher(cols[1]).matches()) {
            return null;
        }
        if (cols.length < 5) {
            throw error(lineNumber, "mention line needs 'ID<TAB>start<TAB>end<TAB>text<TAB>type[<TAB>id]' ("
                    + cols.length + " columns): " + abbreviate(line));
        }
        if (!cols[0].equals(id)) {
            throw error(lineNumber, "mention of document " + cols[0] + " inside document " + id);
        }
        if (!DIGITS.matcher(cols[1]).matches() || !DIGITS.matcher(cols[2]).matches()) {
            throw error(lineNumber, "start and end must be non-negative integers: " + abbreviate(line));
        }
        int start;
        int end;
        try {
            start = Integer.parseInt(cols[1]);
            end = Integer.parseInt(cols[2]);
        } catch (NumberFormatException e) {
            throw error(lineNumber, "offset out of range: " + abbreviate(line));
        }
        if (start >= end || end > offsets.codePointLength()) {
            throw error(lineNumber, "mention offsets " + start + "-" + end + " outside the document text ("
                    + offsets.codePointLength() + " characters)");
        }
        String covered = text.substring(offsets.toUtf16(start), offsets.toUtf16(end));
        if (!covered.equals(cols[3])) {
            throw error(lineNumber, "mention text '" + abbreviate(cols[3]) + "' differs from the document text '"
                    + abbreviate(covered) + "' at " + start + "-" + end);
        }
        String identifier = cols.length > 5 ? cols[5] : null;
        return new PubTatorDocument.Mention(start, end, cols[3], cols[4], identifier);
    }

    private void skipToBlankLine() throws IOException {
        while (!documentEnded) {
            String line;
            try {
                line = lines.readLine();
            } catch (InputFormatException e) {
                continue; // a bad line inside a document that already failed
            }
            if (line == null || line.isBlank()) {
                documentEnded = true;
            } else if (isHeader(line, 't')) {
                pending = line;
                documentEnded = true;
            }
        }
    }

    private InputFormatException error(String reason) {
        return error(lines.lineNumber(), reason);
    }

    private InputFormatException error(long line, String reason) {
        return new InputFormatException(lines.source(), line, "PubTator: " + reason);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
