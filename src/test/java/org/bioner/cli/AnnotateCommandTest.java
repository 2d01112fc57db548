package org.bioner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bioner.pipeline.PipelineBenchmark;
import org.bioner.pipeline.StandInAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class AnnotateCommandTest {

    @TempDir
    Path dir;

    private Path standInDescriptor() throws Exception {
        Path xml = dir.resolve("standin.xml");
        try (OutputStream os = Files.newOutputStream(xml)) {
            StandInAccess.pipeline().toXML(os);
        }
        return xml;
    }

    @Test
    void annotateCommandWritesJsonLinesAndSignalsFailures() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("a.txt"), "Fever again.");
        Path out = dir.resolve("out");
        int code = BioNerCli.commandLine().execute("annotate", "--in", in.toString(), "--out", out.toString(),
                "--format", "jsonl", "--pipeline", standInDescriptor().toString());
        assertEquals(0, code);
        String line = Files.readString(out.resolve("annotations.jsonl"));
        assertTrue(line.contains("\"id\":\"a.txt\"") && line.contains("\"text\":\"Fever\""), line);

        Files.write(in.resolve("b.txt"), new byte[] {(byte) 0xFF, 'x'});
        code = BioNerCli.commandLine().execute("annotate", "--in", in.toString(), "--out",
                dir.resolve("out2").toString(), "--pipeline", standInDescriptor().toString());
        assertEquals(3, code);
        assertTrue(Files.exists(dir.resolve("out2/a.xmi")));
    }

    @Test
    void benchmarkCountsDocumentsAndTokens() throws Exception {
        Path tsv = Files.writeString(dir.resolve("t.tsv"), "Fever\tB\nis\tO\nbad\tO\n\nCough\tB\n\nx\tO\n");
        var sentences = PipelineBenchmark.readSentences(tsv);
        assertEquals(List.of(List.of("Fever", "is", "bad"), List.of("Cough"), List.of("x")), sentences);
        for (int packChars : new int[] {0, 1000}) { // one document at a time, and both in one pack
            var r = PipelineBenchmark.run(StandInAccess.pipeline(), sentences, 2, 100, packChars);
            assertEquals(2, r.documents());
            assertEquals(5, r.corpusTokens());
            assertEquals(5, r.pipelineTokens());
            assertEquals(2, r.entities());
            assertTrue(r.toJson().startsWith("{\"documents\": 2, \"sentences\": 3, \"tokens\": 5, \"pipeline_tokens\": 5, \"entities\": 2,"),
                    r.toJson());
        }
    }
}
