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
                GpuCheckCommand.class,
        })
public final class BioNerCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line as {@code main} runs it: a device that cannot be used (e.g. {@code --device cuda}
     * without a GPU) ends the command with one line on stderr and exit status 2, other failures as picocli
     * reports them (stack trace, status 1).
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new BioNerCli());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            for (Throwable t = ex; t != null; t = t.getCause()) {
                if (t instanceof org.bioner.nn.DeviceUnavailableException d) {
                    cmd.getErr().println("bioner " + cmd.getCommandName() + ": " + d.getMessage());
                    return 2;
                }
            }
            ex.printStackTrace(cmd.getErr());
            return cmd.getCommandSpec().exitCodeOnExecutionException();
        });
        return cl;
    }
}
