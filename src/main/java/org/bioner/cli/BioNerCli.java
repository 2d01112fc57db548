package org.bioner.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code bioner} command line: one subcommand per job (tokenize, evaluate, train, tag, ...). */
@Command(name = "bioner", mixinStandardHelpOptions = true, version = "bioner 0.1.0",
        description = "Biomedical named-entity recognition (Flair + GloVe embeddings, BiLSTM-CRF) for UIMA.",
        subcommands = {
                CommandLine.HelpCommand.class,
                TrainCommand.class,
                TagCommand.class,
                BenchCommand.class,
                EvaluateCommand.class,
                ConvertCommand.class,
                TokenizeCommand.class,
                TokenizerAgreementCommand.class,
                ImportFlairLmCommand.class,
                ImportFlairTaggerCommand.class,
                EmbedCommand.class,
                BenchEmbedCommand.class,
                PretrainGloveCommand.class,
                GloveNeighboursCommand.class,
                ConvertVectorsCommand.class,
                AnnotateCommand.class,
                CpeCommand.class,
                PipelineBenchmarkCommand.class,
                ExportModelCommand.class,
                PretrainLmCommand.class,
        })
public final class BioNerCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BioNerCli()).execute(args));
    }
}
