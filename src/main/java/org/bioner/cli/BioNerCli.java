package org.bioner.cli;

import org.bioner.nn.DeviceUnavailableException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code bioner} command line: one subcommand per job (tokenize, evaluate, train, tag, ...). */
@Command(name = "bioner", mixinStandardHelpOptions = true, version = "bioner 0.1.0",
        description = "Biomedical named-entity recognition (Flair + GloVe embeddings, BiLSTM-CRF) for UIMA.",
        exitCodeListHeading = "Exit status (every command):%n",
        exitCodeList = {"0:done", "1:failed: one line 'bioner <command>: <reason>' on stderr (BIONER_STACKTRACE=1 adds the stack trace)",
                "2:bad usage (unknown option, missing or malformed value), or the device asked for cannot be used "
                        + "(--device cuda without a usable GPU: one line 'bioner <command>: <reason>')",
                "3:annotate/cpe: some documents failed (each reported, the rest written)"},
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
                PoolMemoryCommand.class,
                AnnotateCommand.class,
                CpeCommand.class,
                PipelineBenchmarkCommand.class,
                ExportModelCommand.class,
                ModelInfoCommand.class,
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

    /** Exit status of a command that failed (the reason on one line); 2 is picocli's for bad usage. */
    public static final int EXIT_FAILED = 1;

    /** Exit status when the device asked for ({@code --device cuda}) cannot be used here; the reason on one line. */
    public static final int EXIT_DEVICE = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with BioNER's conventions: any-case enum values, one line per failure. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new BioNerCli());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(BioNerCli::failed);
        return cl;
    }

    /**
     * Every command's failure: {@code bioner <command>: <reason>} on stderr, no stack trace; exit status 1, or
     * {@link #EXIT_DEVICE} when the device asked for cannot be used (a {@link DeviceUnavailableException}
     * anywhere in the cause chain, e.g. {@code --device cuda} without a GPU, also through an engine's initialisation).
     */
    static int failed(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        String name = cmd.getCommandSpec().qualifiedName(" ");
        DeviceUnavailableException device = deviceUnavailable(e);
        cmd.getErr().println(name + ": " + (device != null ? device.getMessage() : reason(e)));
        if (System.getenv("BIONER_STACKTRACE") != null && !System.getenv("BIONER_STACKTRACE").isEmpty()) {
            e.printStackTrace(cmd.getErr());
        }
        cmd.getErr().flush();
        return device != null ? EXIT_DEVICE : EXIT_FAILED;
    }

    /** The device failure in the cause chain, or null. */
    static DeviceUnavailableException deviceUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DeviceUnavailableException d) return d;
        }
        return null;
    }

    /**
     * The reason a user can act on: the first exception in the cause chain that is not a framework wrapper
     * (UIMA's "Initialization of annotator class ... failed", ExecutionException, ...), its class named when its
     * message alone would not say what happened.
     */
    static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && isWrapper(t)) t = t.getCause();
        String msg = t.getMessage();
        boolean plain = t instanceof java.io.IOException || t instanceof IllegalArgumentException
                || t instanceof IllegalStateException || t instanceof UnsupportedOperationException;
        if (t instanceof java.nio.file.NoSuchFileException) return "no such file: " + msg;
        if (t instanceof java.nio.file.AccessDeniedException) return "permission denied: " + msg;
        if (msg == null || msg.isBlank()) return t.getClass().getName();
        return plain ? msg : t.getClass().getSimpleName() + ": " + msg;
    }

    private static boolean isWrapper(Throwable t) {
        return t instanceof org.apache.uima.UIMAException || t instanceof org.apache.uima.UIMARuntimeException
                || t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.lang.reflect.InvocationTargetException
                || t instanceof java.io.UncheckedIOException
                || (t.getClass() == RuntimeException.class && t.getCause() != null);
    }
}
