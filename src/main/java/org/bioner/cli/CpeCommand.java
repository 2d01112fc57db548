package org.bioner.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.bioner.pipeline.RunSummary;
import org.bioner.pipeline.XmiCpe;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bioner cpe}: a UIMA Collection Processing Engine over an XMI collection. */
@Command(name = "cpe", mixinStandardHelpOptions = true,
        description = {"Runs a CPE (DKPro XmiReader -> BioNER aggregate -> DKPro XmiWriter) over an XMI collection",
                "with N processing threads. The collection's TypeSystem.xml is merged: documents keep all their annotations."})
public final class CpeCommand implements Callable<Integer> {

    @Option(names = "--in", required = true, paramLabel = "XMI_DIR", description = "Directory of XMI files.")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = {"--processing-threads", "--threads"}, defaultValue = "1", description = "Processing threads (each holds its own models; default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--type-system", paramLabel = "FILE", description = "Type system of the collection (default: TypeSystem.xml in --in).")
    Path typeSystem;

    @Option(names = "--write-descriptor", paramLabel = "FILE",
            description = "Only write the CPE descriptor (and its component descriptors beside it), do not run.")
    Path descriptorFile;

    @Mixin
    PipelineOptions pipeline;

    @Override
    public Integer call() throws Exception {
        if (descriptorFile != null) {
            XmiCpe.writeDescriptor(XmiCpe.builder(in, out, threads, pipeline.description(), typeSystem), descriptorFile);
            System.out.println("wrote " + descriptorFile);
            return 0;
        }
        XmiCpe.Result r = XmiCpe.run(in, out, threads, pipeline.description(), typeSystem);
        System.out.printf("documents: %d written, %d failed; %.1f s, %.2f documents/s%n", r.documents(),
                r.failures().size(), r.seconds(), r.documents() / Math.max(1e-9, r.seconds()));
        for (RunSummary.Failure f : r.failures()) {
            System.out.println("FAILED " + f.source() + ": " + f.reason());
        }
        return r.failures().isEmpty() ? 0 : 3;
    }
}
