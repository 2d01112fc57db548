package org.bioner.corpus;

import java.io.IOException;

/** A corpus file that breaks the IOB/CoNLL format; the message starts with {@code file:line:}. */
public class IobFormatException extends IOException {

    private final String source;
    private final int line;

    public IobFormatException(String source, int line, String message) {
        super(source + ":" + line + ": " + message);
        this.source = source;
        this.line = line;
    }

    /** The file (or other source name) the error is in. */
    public String getSource() {
        return source;
    }

    /** The 1-based line number of the error. */
    public int getLine() {
        return line;
    }
}
