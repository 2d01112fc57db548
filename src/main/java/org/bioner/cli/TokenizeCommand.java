package org.bioner.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bioner.tokenization.BioTokenizer;
import org.bioner.tokenization.SentenceSpan;
import org.bioner.tokenization.SentenceSplitter;
import org.bioner.tokenization.TokenSpan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bioner tokenize}: raw text in, one sentence per line with space-separated tokens out. */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
        description = {"Splits raw UTF-8 text into sentences and tokens (BioBERT benchmark tokenisation).",
                "Output: one sentence per line, tokens separated by spaces; with --offsets one token per line as",
                "BEGIN<TAB>END<TAB>TOKEN (UTF-16 offsets into the input) and a blank line after each sentence."})
public final class TokenizeCommand implements Callable<Integer> {

    @Option(names = "--in", paramLabel = "FILE", defaultValue = "-", description = "input text file, - for stdin (default)")
    String in;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "-", description = "output file, - for stdout (default)")
    String out;

    @Option(names = "--offsets", description = "write one token per line with its character offsets")
    boolean offsets;

    @Option(names = {"--max-sentence-length", "--max-sentence-tokens"}, paramLabel = "N", defaultValue = "" + SentenceSplitter.DEFAULT_MAX_TOKENS,
            description = "cut longer sentences into pieces of at most N tokens (default ${DEFAULT-VALUE})")
    int maxSentenceTokens;

    @Option(names = "--line-breaks", description = "every line break ends a sentence (default: only blank lines do)")
    boolean lineBreaks;

    @Option(names = "--stats", description = "print sentence and token counts and the splitting time to stderr")
    boolean stats;

    @Override
    public Integer call() {
        try {
            return run();
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("bioner tokenize: " + e.getMessage()); // bad input: the message names file and line
            return 1;
        }
    }

    private int run() throws IOException {
        String text = read(in);
        SentenceSplitter splitter = new SentenceSplitter(new BioTokenizer(), maxSentenceTokens, lineBreaks);
        long start = System.nanoTime();
        List<SentenceSpan> sentences = splitter.split(text);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (stats) {
            long tokens = sentences.stream().mapToLong(SentenceSpan::size).sum();
            System.err.printf(Locale.ROOT, "%d chars, %d sentences, %d tokens in %.3f s (%.0f tokens/s, one thread)%n",
                    text.length(), sentences.size(), tokens, seconds, tokens / Math.max(seconds, 1e-9));
        }
        PrintWriter w = new PrintWriter(writer(out));
        try {
            for (SentenceSpan s : sentences) {
                if (offsets) {
                    for (TokenSpan t : s.tokens()) {
                        w.print(t.begin());
                        w.print('\t');
                        w.print(t.end());
                        w.print('\t');
                        w.println(t.text(text));
                    }
                    w.println();
                } else {
                    StringBuilder line = new StringBuilder();
                    for (TokenSpan t : s.tokens()) {
                        if (line.length() > 0) {
                            line.append(' ');
                        }
                        line.append(text, t.begin(), t.end());
                    }
                    w.println(line);
                }
            }
        } finally {
            if (out.equals("-")) {
                w.flush(); // leave stdout open
            } else {
                w.close();
            }
        }
        if (w.checkError()) {
            throw new IOException("could not write " + out);
        }
        return 0;
    }

    private static String read(String in) throws IOException {
        byte[] bytes;
        if (in.equals("-")) {
            bytes = System.in.readAllBytes();
        } else {
            Path p = Path.of(in);
            if (!Files.isRegularFile(p)) {
                throw new IOException("input file not found: " + p);
            }
            bytes = Files.readAllBytes(p);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException((in.equals("-") ? "standard input" : in) + " is not valid UTF-8 text", e);
        }
    }

    private static Writer writer(String out) throws IOException {
        OutputStream os = out.equals("-") ? System.out : Files.newOutputStream(Path.of(out));
        return new OutputStreamWriter(os, StandardCharsets.UTF_8);
    }
}
