package org.bioner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.bioner.corpus.IobWriter;
import org.bioner.training.SyntheticTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * {@code gpu-check} itself, run on a second CPU backend ({@code --emulate}, as scripts/device/gpu-check.sh with
 * EMULATE=1): every equality holds with 0 difference for inference, the report is one JSON object with the
 * equality and throughput sections, and a part that fails is recorded and fails the check without stopping it.
 */
class GpuCheckCommandTest {

    private static JsonObject run(Path dir, String... extra) throws Exception {
        Path data = dir.resolve("d.tsv"), out = dir.resolve("r.json");
        new IobWriter(false).write(SyntheticTask.sentences(70, 1), data);
        String[] base = {"--emulate", "--data", data.toString(), "--train", data.toString(), "--out", out.toString(),
                "--lm-hidden", "16", "--input-dim", "20", "--equality-sentences", "20", "--skip-cpu-timing"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        int rc = new CommandLine(new GpuCheckCommand()).execute(args);
        JsonObject r = new JsonParser().parse(Files.readString(out)).getAsJsonObject();
        r.addProperty("rc", rc);
        return r;
    }

    @Test
    void theEmulatedCheckPassesAndReportsEveryPart(@TempDir Path dir) throws Exception {
        JsonObject r = run(dir);
        assertEquals(0, r.get("rc").getAsInt());
        assertTrue(r.get("equal").getAsBoolean());
        JsonObject eq = r.getAsJsonObject("equality");
        for (String k : new String[] {"lstm", "flair_lms", "training_step", "lm_training_step"}) {
            assertTrue(eq.getAsJsonObject(k).get("equal").getAsBoolean(), k);
        }
        assertEquals(0.0, eq.getAsJsonObject("lstm").get("max_abs_diff").getAsDouble());
        assertEquals(0.0, eq.getAsJsonObject("flair_lms").get("max_abs_diff").getAsDouble());
        JsonObject speed = r.getAsJsonObject("throughput");
        assertTrue(speed.getAsJsonObject("embed").get("gpu_chars_per_s").getAsDouble() > 0);
        assertTrue(speed.getAsJsonObject("tag").get("gpu_tokens_per_s").getAsDouble() > 0);
        assertTrue(speed.getAsJsonObject("train_epoch").get("tokens_per_s").getAsDouble() > 0);
    }

    @Test
    void aFailingPartIsRecordedAndFailsTheCheck(@TempDir Path dir) throws Exception {
        JsonObject r = run(dir, "--model", dir.resolve("missing.bnm").toString());
        assertEquals(1, r.get("rc").getAsInt());
        assertTrue(!r.get("equal").getAsBoolean());
        assertTrue(r.getAsJsonObject("equality").getAsJsonObject("tagger_model").get("error").getAsString().contains("missing.bnm"));
        assertTrue(r.getAsJsonObject("throughput").has("tag"), "the parts after it still ran");
    }
}
