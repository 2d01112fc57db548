package org.bioner.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import org.bioner.corpus.IobCorpusParser;
import org.bioner.corpus.TagScheme;
import org.bioner.corpus.TaggedSentence;
import org.bioner.evaluation.ErrorAnalysis;
import org.bioner.evaluation.EvaluationResult;
import org.bioner.evaluation.Metric;
import org.bioner.evaluation.PairedBootstrap;
import org.bioner.evaluation.SpanEvaluator;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bioner evaluate}: exact-match span precision/recall/F1 of a predicted IOB file against a gold one. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Exact-match span evaluation, as conlleval and Flair compute it: an entity counts as found only "
                + "with the same boundaries and type (or, with --metric TOKEN, the BioNerFlair paper's token-level "
                + "metric). Prints micro-averaged and per-type precision, recall, F1 and "
                + "TP/FP/FN.",
                "Both files must have the same tokens and sentences. Ill-formed tag sequences (I after O) are read "
                + "as conlleval reads them unless --strict is given."})
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--gold", required = true, paramLabel = "FILE", description = "gold-standard IOB file")
    Path gold;

    @Option(names = "--pred", required = true, paramLabel = "FILE", description = "predicted IOB file")
    Path pred;

    @Option(names = "--scheme", defaultValue = "IOB2", paramLabel = "SCHEME",
            description = "tag scheme of both files: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    TagScheme scheme;

    @Option(names = "--format", defaultValue = "BIOBERT", paramLabel = "FORMAT",
            description = "file layout of both files: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    IobCorpusParser.Format format;

    @Option(names = "--entity-type", defaultValue = "Entity", paramLabel = "TYPE",
            description = "type of untyped tags (B, I) (default: ${DEFAULT-VALUE})")
    String entityType;

    @Option(names = "--types", split = ",", paramLabel = "TYPE",
            description = "score only these entity types; typed tags of other types are read as O in both files "
                    + "(default: every type)")
    Set<String> types;

    @Option(names = "--strict", description = "reject tag sequences that break the scheme instead of repairing them")
    boolean strict;

    @Option(names = "--metric", defaultValue = "SPAN", paramLabel = "METRIC",
            description = {"what is counted: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). SPAN: exact-match "
                    + "entity spans (conlleval, seqeval). TOKEN: the BioNerFlair paper's metric, token-level micro "
                    + "P/R/F1 over the tokens tagged B or I (a token counts when its predicted tag equals its gold "
                    + "tag; O is ignored), which is what the paper's Flair version computed on the untyped BioBERT "
                    + "files; use it only to compare with the paper's figures (docs/RESULTS.md). OVERLAP: lenient spans "
                    + "(a predicted span counts when it overlaps a gold span of its type), for corpora a model was "
                    + "not trained on."})
    Metric metric;

    @Option(names = "--errors", paramLabel = "N",
            description = "after the scores, classify every exact-span error (boundary, type, spurious, missed, other) "
                    + "and list the N most frequent strings of each class")
    Integer errors;

    @Option(names = "--json", description = "print the result as JSON (scores as fractions)")
    boolean json;

    @Option(names = "--compare", paramLabel = "FILE",
            description = {"a second predicted file of the same sentences: scores it too, then the paired bootstrap over "
                    + "sentences of its F1 minus --pred's (the observed difference, its interval, and the share of "
                    + "resamples in which it is not better; evaluation.PairedBootstrap). Sentences of a document are "
                    + "drawn independently, so the interval is somewhat narrow where mentions repeat in a document."})
    Path compare;

    @Option(names = "--bootstrap-samples", defaultValue = "10000", paramLabel = "N",
            description = "resamples for --compare (default: ${DEFAULT-VALUE})")
    int bootstrapSamples;

    @Option(names = "--confidence", defaultValue = "0.95", paramLabel = "P",
            description = "share of the resampled differences inside --compare's interval (default: ${DEFAULT-VALUE})")
    double confidence;

    @Option(names = "--seed", defaultValue = "1", description = "seed of --compare's resampling (default: ${DEFAULT-VALUE})")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            IobCorpusParser parser = new IobCorpusParser(format, scheme, entityType, strict);
            List<TaggedSentence> goldSentences = keep(parser.parse(gold));
            List<TaggedSentence> predSentences = keep(parser.parse(pred));
            EvaluationResult result = SpanEvaluator.evaluate(goldSentences, predSentences, metric);
            if (compare == null) {
                out.print(json ? result.toJson() + System.lineSeparator() : result.toTable());
                printErrors(out, goldSentences, predSentences);
            } else {
                printComparison(out, goldSentences, predSentences, result, keep(parser.parse(compare)));
            }
            out.flush();
            return 0;
        } catch (NoSuchFileException e) {
            err.println("bioner evaluate: no such file: " + e.getFile());
            err.flush();
            return 1;
        } catch (IOException | IllegalArgumentException e) {
            err.println("bioner evaluate: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    // --compare: both predictions' scores, then the paired bootstrap of their F1 difference
    private void printComparison(PrintWriter out, List<TaggedSentence> goldSentences, List<TaggedSentence> predSentences,
                                 EvaluationResult result, List<TaggedSentence> compareSentences) {
        EvaluationResult second;
        try {
            second = SpanEvaluator.evaluate(goldSentences, compareSentences, metric);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--compare " + compare + ": " + e.getMessage(), e);
        }
        PairedBootstrap.Result diff = PairedBootstrap.of(goldSentences, predSentences, compareSentences, metric)
                .run(bootstrapSamples, seed, confidence);
        if (json) {
            out.println("{\"pred\":" + result.toJson() + ",\"compare\":" + second.toJson() + ",\"bootstrap\":"
                    + String.format(Locale.ROOT, "{\"f1_difference\":%.6f,\"lower\":%.6f,\"upper\":%.6f,"
                            + "\"confidence\":%s,\"not_better_share\":%.6f,\"sentences\":%d,\"samples\":%d,"
                            + "\"seed\":%d}}", diff.observed(), diff.lower(), diff.upper(), diff.confidence(),
                    diff.notBetterShare(), diff.sentences(), diff.samples(), diff.seed()));
            printErrors(out, goldSentences, predSentences);
            printErrors(out, goldSentences, compareSentences);
            return;
        }
        out.println("--pred " + pred + ":");
        out.print(result.toTable());
        printErrors(out, goldSentences, predSentences);
        out.println();
        out.println("--compare " + compare + ":");
        out.print(second.toTable());
        printErrors(out, goldSentences, compareSentences);
        out.println();
        out.printf(Locale.ROOT, "paired bootstrap over %d sentences (%d resamples, seed %d): F1 of --compare minus"
                + " --pred %+.2f, %s%% interval [%+.2f, %+.2f]; --compare not better in %.1f%% of resamples%n",
                diff.sentences(), diff.samples(), diff.seed(), 100 * diff.observed(),
                BigDecimal.valueOf(diff.confidence()).movePointRight(2).stripTrailingZeros().toPlainString(),
                100 * diff.lower(), 100 * diff.upper(), 100 * diff.notBetterShare());
    }

    private void printErrors(PrintWriter out, List<TaggedSentence> goldSentences, List<TaggedSentence> predicted) {
        if (errors == null) return;
        out.println();
        out.print(ErrorAnalysis.of(goldSentences, predicted).toText(errors));
    }

    private List<TaggedSentence> keep(List<TaggedSentence> sentences) {
        return types == null ? sentences : sentences.stream().map(s -> s.keepingTypes(types)).toList();
    }
}
