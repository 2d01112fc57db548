package org.bioner.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.bioner.corpus.AbbreviationPropagation;
import org.bioner.corpus.IobCorpusParser;
import org.bioner.corpus.IobWriter;
import org.bioner.corpus.MentionStoplist;
import org.bioner.corpus.Span;
import org.bioner.corpus.TagScheme;
import org.bioner.corpus.TaggedSentence;
import org.bioner.engine.EngineParameters;
import org.bioner.evaluation.EvaluationResult;
import org.bioner.evaluation.SpanEvaluator;
import org.bioner.tagger.Decoding;
import org.bioner.tagger.SequenceTagger;
import org.bioner.tagger.TaggerModels;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bioner tag}: tags the tokens of an IOB file with a trained model and writes IOB predictions. */
@Command(name = "tag", mixinStandardHelpOptions = true,
        description = "Tag an IOB file (token<TAB>tag; the tags are ignored, or used for a score when present).")
public final class TagCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "model file, training output directory, classpath location, "
            + "or a Flair SequenceTagger checkpoint (.pt, converted on load)")
    String model;

    @Option(names = "--in", required = true, description = "input IOB file")
    Path in;

    @Option(names = "--out", required = true, description = "output IOB file with the predicted tags")
    Path out;

    @Option(names = "--typed", description = "write typed tags (B-Disease) instead of bare B/I")
    boolean typed;

    @Option(names = "--batch-size", defaultValue = "32")
    int batchSize;

    @Option(names = "--raw-tags", description = "write the model's own tags as it predicts them (BIOES; for a Flair "
            + "model its dictionary's tags, odd ones such as <unk> included) instead of IOB2")
    boolean rawTags;

    @Option(names = "--scores", description = "add a third column: the per-token score (Flair models: Flair's score, "
            + "the softmax of the Viterbi scores; our models: the CRF marginal of the chosen tag)")
    boolean scores;

    @Option(names = "--mention-stoplist", paramLabel = "LOCATION",
            description = "drop the mentions of a TYPE<TAB>mention list, e.g. " + MentionStoplist.SPECIES_HUMAN_NOUNS
                    + " (the S800 Species convention: no patients as Homo sapiens)")
    String mentionStoplist;

    @Option(names = "--abbreviation-window", paramLabel = "N",
            description = "tag a short form defined in the text like its long form (\"glyceryl trinitrate ( GTN )\": "
                    + "a predicted mention that is exactly the long form, or the GTN in parentheses, gives its type to "
                    + "the untagged occurrences of GTN) in the defining sentence and the next N; -1: off (default: "
                    + EngineParameters.DEFAULT_ABBREVIATION_WINDOW + ", as annotate; not applied to --raw-tags/--scores)")
    Integer abbreviationWindow;

    @Option(names = "--use-corpus", paramLabel = "CORPUS",
            description = "for a model trained with a corpus one-hot (embeddings ending in +corpus:...): tag by the "
                    + "conventions of this training corpus instead of the model's default (all: the mean of its corpora)")
    String useCorpus;

    @Option(names = "--entity-bias", paramLabel = "B", defaultValue = "" + EngineParameters.DEFAULT_ENTITY_BIAS,
            description = "decode as if every mention tag scored B more at each token: negative tags fewer mentions "
                    + "(precision), positive more (recall); default: ${DEFAULT-VALUE}, the model's own path (as annotate)")
    float entityBias;

    @Option(names = "--decoding", paramLabel = "D", defaultValue = "VITERBI",
            description = "how the CRF's scores become one tag path per sentence: VITERBI, the most probable path "
                    + "(what the CRF is trained for; default), or POSTERIOR, the allowed path with the most tags right in "
                    + "expectation (the sum of the marginals); a tagger converted from Flair takes VITERBI only")
    Decoding decoding;

    @picocli.CommandLine.Mixin
    DeviceOption device;

    @Override
    public Integer call() throws Exception {
        if (mentionStoplist != null && (rawTags || scores)) {
            throw new IllegalArgumentException("--mention-stoplist applies to the IOB2 output, not to --raw-tags/--scores");
        }
        if (abbreviationWindow != null && abbreviationWindow != AbbreviationPropagation.OFF && (rawTags || scores)) {
            throw new IllegalArgumentException("--abbreviation-window applies to the IOB2 output, not to --raw-tags/--scores");
        }
        if (abbreviationWindow != null) AbbreviationPropagation.requireWindow(abbreviationWindow); // before the model loads
        SequenceTagger.requireFiniteEntityBias("--entity-bias", entityBias);
        org.bioner.nn.Backend backend = device.open(); // before the model: a missing GPU fails fast (BioNerCli: exit 2)
        // an unreadable model fails as every command does (BioNerCli.failed): one line naming the file, exit 1
        SequenceTagger tagger = TaggerModels.load(model);
        tagger.useBackend(backend);
        if (useCorpus != null) tagger.useCorpus(useCorpus);
        String type = tagger.tags().entityTypes().get(0);
        List<TaggedSentence> input = TaggedSentence.inDocumentOrder(
                new IobCorpusParser(IobCorpusParser.Format.BIOBERT, TagScheme.IOB2, type, false).parse(in));
        long t0 = System.nanoTime();
        List<SequenceTagger.Prediction> pred = tagger.tag(input.stream().map(TaggedSentence::tokens).toList(),
                TaggedSentence.contexts(input), batchSize, entityBias, decoding);
        double seconds = (System.nanoTime() - t0) / 1e9;
        MentionStoplist stoplist = EngineParameters.readStoplist(mentionStoplist);
        List<List<Span>> predicted = pred.stream().map(SequenceTagger.Prediction::spans).toList();
        int window = rawTags || scores ? AbbreviationPropagation.OFF // the columns are the model's own path
                : abbreviationWindow != null ? abbreviationWindow : EngineParameters.DEFAULT_ABBREVIATION_WINDOW;
        predicted = AbbreviationPropagation.propagate(input.stream().map(TaggedSentence::tokens).toList(), predicted, window);
        List<TaggedSentence> output = new ArrayList<>(input.size());
        for (int i = 0; i < input.size(); i++) {
            TaggedSentence s = input.get(i);
            List<Span> spans = stoplist.keep(predicted.get(i), s.tokens());
            output.add(new TaggedSentence(s.tokens(), TagScheme.IOB2.encode(spans, s.size()), s.source(), s.firstLine()));
        }
        if (rawTags || scores) {
            writeColumns(output, pred, tagger.rawTagNames());
        } else {
            new IobWriter(typed).write(output, out);
        }
        long tokens = input.stream().mapToLong(TaggedSentence::size).sum();
        System.err.printf(Locale.ROOT, "tagged %d sentences, %d tokens in %.1f s (%.0f tokens/s, embeddings included) -> %s%n",
                input.size(), tokens, seconds, tokens / seconds, out);
        if (input.stream().anyMatch(s -> s.tags().stream().anyMatch(t -> !t.equals("O")))) {
            EvaluationResult r = SpanEvaluator.evaluate(input, output);
            System.err.printf(Locale.ROOT, "against the input's tags: P %.4f R %.4f F1 %.4f%n",
                    r.total().precision(), r.total().recall(), r.total().f1());
        }
        return 0;
    }

    /** token, tag (raw or IOB2, typed or not), and with --scores the token's score; a blank line after each sentence. */
    private void writeColumns(List<TaggedSentence> output, List<SequenceTagger.Prediction> pred, List<String> names) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (int i = 0; i < output.size(); i++) {
                TaggedSentence s = output.get(i);
                SequenceTagger.Prediction p = pred.get(i);
                List<String> iob = typed ? s.tags() : s.tags().stream().map(t -> t.length() > 1 ? t.substring(0, 1) : t).toList();
                for (int t = 0; t < s.size(); t++) {
                    w.write(s.tokens().get(t));
                    w.write('\t');
                    w.write(rawTags ? names.get(p.path()[t]) : iob.get(t));
                    if (scores) w.write(String.format(Locale.ROOT, "\t%.8f", p.tokenConfidence()[t]));
                    w.write('\n');
                }
                w.write('\n');
            }
        }
    }
}
