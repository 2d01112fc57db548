package org.bioner.pipeline;

import javax.xml.stream.XMLStreamException;

import org.bioner.corpus.InputFormatException;
import org.xml.sax.SAXParseException;

/**
 * How a failed document is reported, in one line: by {@code bioner annotate}'s run summary, the CPE runner and
 * the Spark job's errors table alike.
 */
public final class Failures {

    private Failures() {
    }

    /**
     * The most telling message of an exception chain: the first of our format errors
     * ({@link InputFormatException}, which name file and line) or XML parse positions along the chain, else the
     * root cause as {@code SimpleClassName: message}.
     */
    public static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InputFormatException) {
                return t.getMessage();
            }
            if (t instanceof SAXParseException sp) {
                return "malformed XML at line " + sp.getLineNumber() + ", column " + sp.getColumnNumber() + ": "
                        + sp.getMessage();
            }
            if (t instanceof XMLStreamException xe && xe.getLocation() != null) {
                return "malformed XML at line " + xe.getLocation().getLineNumber() + ", column "
                        + xe.getLocation().getColumnNumber() + ": " + xe.getMessage();
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        return root.getClass().getSimpleName() + (msg == null ? "" : ": " + msg.strip());
    }
}
