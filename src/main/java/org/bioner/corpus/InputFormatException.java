package org.bioner.corpus;

import java.io.IOException;

/** Bad input: the message names the source (file) and the line (and column or byte where known). */
public class InputFormatException extends IOException {

    private final String source;
    private final long line;

    public InputFormatException(String source, long line, String reason) {
        this(source, line, reason, null);
    }

    public InputFormatException(String source, long line, String reason, Throwable cause) {
        super(source + (line > 0 ? ":" + line : "") + ": " + reason, cause);
        this.source = source;
        this.line = line;
    }

    /** The file (or other source) that held the bad input. */
    public String source() {
        return source;
    }

    /** 1-based line of the bad input, 0 when not known. */
    public long line() {
        return line;
    }
}
