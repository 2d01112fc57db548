package org.bioner.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.bioner.pipeline.BioNerPipeline;
import org.junit.jupiter.api.Test;

/**
 * The models' weights are off-heap (JavaCPP, capped at -Xmx by default): a JVM with -Xmx160m cannot load the four
 * bundled models and must say so, naming -Dorg.bytedeco.javacpp.maxBytes; with that property it loads them.
 */
class OffHeapMemoryTest {

    /** Child JVM: loads the default pipeline, prints OK or the innermost useful message. */
    public static void main(String[] args) {
        try {
            AnalysisEngineFactory.createEngine(BioNerPipeline.createDefault()).destroy();
            System.out.println("OK");
        } catch (Throwable t) {
            Throwable m = t;
            while (m.getCause() != null && !(m instanceof IllegalStateException)) m = m.getCause();
            System.out.println("FAILED " + m.getMessage());
        }
    }

    static String run(String... jvmOptions) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java));
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path") + File.pathSeparator + testClasses(),
                OffHeapMemoryTest.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    static String testClasses() throws Exception {
        return Path.of(OffHeapMemoryTest.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    void tooLittleOffHeapMemoryIsNamedAndTheSwitchFixesIt() throws Exception {
        String small = run("-Xmx160m");
        assertTrue(small.contains("FAILED") && small.contains("-Dorg.bytedeco.javacpp.maxBytes"), small);
        String raised = run("-Xmx160m", "-Dorg.bytedeco.javacpp.maxBytes=1g");
        assertTrue(raised.contains("OK"), raised);
    }
}
