package org.bioner.corpus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the shared read-only datasets: {@code ../shared/datasets} from the repository root (or a worktree).
 * A test that needs them is skipped where they are absent (a fresh clone on its own), but fails where they
 * must be present: on CI ({@code .ci/run} sets {@code BIONER_SHARED_DATA=required}; CI services also set
 * {@code CI}), so a test there cannot pass by skipping.
 */
public final class TestData {

    private TestData() {
    }

    /** The dataset file, or {@code null} if the shared datasets are not on this machine. */
    public static Path dataset(String name, String split) {
        for (String base : new String[] {"../shared/datasets", "../../shared/datasets"}) {
            Path p = Paths.get(base, name, split + ".tsv");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /** The dataset file; where it is absent the test is skipped, or fails where the data is required. */
    public static Path require(String name, String split) {
        Path p = dataset(name, split);
        if (p == null) {
            String why = name + "/" + split + ".tsv not found in ../shared/datasets";
            if (required()) {
                Assertions.fail(why + ", and this machine must have it (BIONER_SHARED_DATA=required or CI set)");
            }
            Assumptions.abort(why + " (a fresh clone without the shared datasets; CI has them)");
        }
        return p;
    }

    private static boolean required() {
        String ci = System.getenv("CI");
        return "required".equals(System.getenv("BIONER_SHARED_DATA"))
                || (ci != null && !ci.isEmpty() && !ci.equalsIgnoreCase("false"));
    }
}
