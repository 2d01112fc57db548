package org.bioner.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bioner.tokenization.BioTokenizer;
import org.bioner.tokenization.TokenizerAgreement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bioner tokenizer-agreement}: how well the tokenizer (and sentence splitter) reproduce the tokenisation of
 * IOB corpus files; see {@link TokenizerAgreement}.
 */
@Command(name = "tokenizer-agreement", mixinStandardHelpOptions = true,
        description = {"For every sentence of IOB corpus files (token<TAB>tag lines, blank line between sentences):",
                "rebuild running text from the tokens, tokenize it again and compare with the corpus tokens.",
                "Also joins all sentences into one text and compares the sentence splitter's boundaries."})
public final class TokenizerAgreementCommand implements Callable<Integer> {

    @Option(names = "--corpus", arity = "1..*", required = true, paramLabel = "FILE", description = "IOB corpus files")
    List<Path> corpora;

    @Option(names = "--json", description = "print the results as a JSON array")
    boolean json;

    @Option(names = "--show-mismatches", paramLabel = "N", defaultValue = "0",
            description = {"print up to N sentences per file whose tokens differ, and up to N missed and N extra",
                    "sentence ends (default ${DEFAULT-VALUE})"})
    int showMismatches;

    @Override
    public Integer call() {
        try {
            return run();
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("bioner tokenizer-agreement: " + e.getMessage()); // bad input: the message names file and line
            return 1;
        }
    }

    private int run() throws IOException {
        TokenizerAgreement agreement = new TokenizerAgreement(new BioTokenizer());
        List<TokenizerAgreement.Result> results = new ArrayList<>();
        for (Path corpus : corpora) {
            results.add(agreement.measure(corpus.toString(), readTokens(corpus), showMismatches));
        }
        PrintStream out = System.out;
        if (json) {
            out.println(toJson(results));
        } else {
            out.printf(Locale.ROOT, "%-45s %9s %9s %10s %10s %10s %10s%n", "corpus", "sentences", "exact", "exact%",
                    "tokRecall", "tokPrec", "sentBndF1");
            for (TokenizerAgreement.Result r : results) {
                out.printf(Locale.ROOT, "%-45s %9d %9d %9.2f%% %9.2f%% %9.2f%% %9.2f%%%n", r.source(), r.sentences(),
                        r.exactSentences(), 100 * r.sentenceExactMatch(), 100 * r.tokenRecall(),
                        100 * r.tokenPrecision(), 100 * r.boundaryF1());
            }
            out.println("sentBndF1: sentence-splitter boundary F1 on all sentences of a file joined by spaces "
                    + "(boundary precision/recall in --json)");
        }
        for (TokenizerAgreement.Result r : results) {
            for (TokenizerAgreement.Mismatch m : r.mismatches()) {
                out.println("mismatch in " + r.source() + ", sentence " + (m.sentenceIndex() + 1) + ":");
                out.println("  text:     " + m.text());
                out.println("  corpus:   " + String.join(" ", m.expected()));
                out.println("  produced: " + String.join(" ", m.actual()));
            }
            for (TokenizerAgreement.BoundaryMismatch b : r.boundaryMismatches()) {
                out.println((b.missed() ? "missed sentence end in " : "extra sentence end in ") + r.source() + ": "
                        + b.context());
            }
        }
        return 0;
    }

    /** The first column of an IOB file, grouped into sentences at blank lines. */
    static List<List<String>> readTokens(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("corpus file not found: " + file);
        }
        List<List<String>> sentences = new ArrayList<>();
        List<String> current = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    if (!current.isEmpty()) {
                        sentences.add(current);
                        current = new ArrayList<>();
                    }
                    continue;
                }
                String[] fields = line.split(line.indexOf('\t') >= 0 ? "\t" : "\\s+");
                if (fields.length < 2 || fields[0].isEmpty()) {
                    throw new IOException(file + ":" + lineNo + ": expected TOKEN<TAB>TAG, got '" + line + "'");
                }
                current.add(fields[0]);
            }
        }
        if (!current.isEmpty()) {
            sentences.add(current);
        }
        return sentences;
    }

    private static String toJson(List<TokenizerAgreement.Result> results) {
        StringBuilder sb = new StringBuilder("[\n");
        for (int i = 0; i < results.size(); i++) {
            TokenizerAgreement.Result r = results.get(i);
            sb.append(String.format(Locale.ROOT, "  {\"corpus\": %s, \"sentences\": %d, \"exactSentences\": %d, "
                            + "\"sentenceExactMatch\": %.6f, \"corpusTokens\": %d, \"producedTokens\": %d, "
                            + "\"matchedTokens\": %d, \"tokenRecall\": %.6f, \"tokenPrecision\": %.6f, "
                            + "\"corpusBoundaries\": %d, \"predictedBoundaries\": %d, \"matchedBoundaries\": %d, "
                            + "\"boundaryPrecision\": %.6f, \"boundaryRecall\": %.6f, \"boundaryF1\": %.6f}",
                    quote(r.source()), r.sentences(), r.exactSentences(), r.sentenceExactMatch(), r.corpusTokens(),
                    r.producedTokens(), r.matchedTokens(), r.tokenRecall(), r.tokenPrecision(), r.corpusBoundaries(),
                    r.predictedBoundaries(), r.matchedBoundaries(), r.boundaryPrecision(), r.boundaryRecall(),
                    r.boundaryF1()));
            sb.append(i + 1 < results.size() ? ",\n" : "\n");
        }
        return sb.append("]").toString();
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
