package org.bioner.corpus;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding that names the file, line and byte of the first bad byte instead of silently
 * replacing it (what {@code new String(bytes, UTF_8)} and most readers do), and rejects binary files.
 */
public final class StrictUtf8 {

    /** Share of control characters (other than tab, newline, carriage return, form feed) above which text is binary. */
    private static final double MAX_CONTROL_SHARE = 0.05;

    private StrictUtf8() {
    }

    /** Decodes a whole file's bytes; throws naming source, line and column on bad UTF-8 or binary content. */
    public static String decode(byte[] bytes, String source) throws InputFormatException {
        String text = decodeRange(bytes, 0, bytes.length, source, 1);
        checkNotBinary(text, source);
        return text;
    }

    /** Rejects text with NUL characters or many control characters: what binary files decode to. */
    public static void checkNotBinary(String text, String source) throws InputFormatException {
        int controls = 0;
        long line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            } else if (c == 0) {
                throw new InputFormatException(source, line, "binary content (NUL character at offset " + i
                        + "), not a text document");
            } else if (c < 0x20 && c != '\t' && c != '\r' && c != '\f') {
                controls++;
            }
        }
        if (text.length() > 0 && controls > MAX_CONTROL_SHARE * text.length()) {
            throw new InputFormatException(source, 0, "binary content (" + controls + " control characters in "
                    + text.length() + "), not a text document");
        }
    }

    private static String decodeRange(byte[] bytes, int from, int to, String source, long firstLine)
            throws InputFormatException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
        CharBuffer out = CharBuffer.allocate(to - from);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int bad = in.position();
            long line = firstLine;
            int lineStart = from;
            for (int i = from; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new InputFormatException(source, line, String.format(
                    "invalid UTF-8 byte 0x%02X at column %d (byte offset %d); the file must be UTF-8 encoded",
                    bytes[bad] & 0xff, bad - lineStart + 1, bad));
        }
        decoder.flush(out);
        out.flip();
        String s = out.toString();
        // a leading byte-order mark is not text
        return s.startsWith("\uFEFF") && from == 0 ? s.substring(1) : s;
    }

    /** Reads UTF-8 lines one at a time with exact line numbers for errors (no read-ahead decoding). */
    public static final class LineReader implements Closeable {
        private final InputStream in;
        private final String source;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
        private long lineNumber;

        public LineReader(InputStream in, String source) {
            this.in = new BufferedInputStream(in, 1 << 16);
            this.source = source;
        }

        /** The next line without its terminator (\n or \r\n), or null at the end. */
        public String readLine() throws IOException {
            buffer.reset();
            int b;
            boolean any = false;
            while ((b = in.read()) != -1) {
                any = true;
                if (b == '\n') {
                    break;
                }
                buffer.write(b);
            }
            if (!any) {
                return null;
            }
            lineNumber++;
            byte[] bytes = buffer.toByteArray();
            int len = bytes.length;
            if (len > 0 && bytes[len - 1] == '\r') {
                len--;
            }
            String line = decodeRange(bytes, 0, len, source, lineNumber);
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.indexOf('\0') >= 0) {
                throw new InputFormatException(source, lineNumber, "binary content (NUL character), not a text file");
            }
            return line;
        }

        /** 1-based number of the line last returned. */
        public long lineNumber() {
            return lineNumber;
        }

        public String source() {
            return source;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
