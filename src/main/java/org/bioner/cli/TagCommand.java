package org.bioner.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.bioner.evaluation.EvaluationResult;
import org.bioner.evaluation.SpanEvaluator;
import org.bioner.io.IobCorpusParser;
import org.bioner.io.IobWriter;
import org.bioner.io.TagScheme;
import org.bioner.io.TaggedSentence;
import org.bioner.tagger.SequenceTagger;
import org.bioner.tagger.TaggerModels;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bioner tag}: tags the tokens of an IOB file with a trained model and writes IOB predictions. */
@Command(name = "tag", mixinStandardHelpOptions = true,
        description = "Tag an IOB file (token<TAB>tag; the tags are ignored, or used for a score when present).")
public final class TagCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "model file, training output directory, or classpath location")
    String model;

    @Option(names = "--in", required = true, description = "input IOB file")
    Path in;

    @Option(names = "--out", required = true, description = "output IOB file with the predicted tags")
    Path out;

    @Option(names = "--typed", description = "write typed tags (B-Disease) instead of bare B/I")
    boolean typed;

    @Option(names = "--batch-size", defaultValue = "32")
    int batchSize;

    @picocli.CommandLine.Mixin
    DeviceOption device;

    @Override
    public Integer call() throws Exception {
        org.bioner.nn.Backend backend = device.open(); // before the model: a missing GPU fails fast
        SequenceTagger tagger = TaggerModels.load(model);
        tagger.useBackend(backend);
        String type = tagger.tags().entityTypes().get(0);
        List<TaggedSentence> input = new IobCorpusParser(IobCorpusParser.Format.BIOBERT, TagScheme.IOB2, type, false).parse(in);
        long t0 = System.nanoTime();
        List<SequenceTagger.Prediction> pred = tagger.tag(input.stream().map(TaggedSentence::tokens).toList(), batchSize);
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<TaggedSentence> output = new ArrayList<>(input.size());
        for (int i = 0; i < input.size(); i++) {
            TaggedSentence s = input.get(i);
            output.add(new TaggedSentence(s.tokens(), TagScheme.IOB2.encode(pred.get(i).spans(), s.size()), s.source(), s.firstLine()));
        }
        new IobWriter(typed).write(output, out);
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
}
