package org.bioner.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Locates the shared read-only datasets: {@code ../shared/datasets} from the repository root (or a worktree). */
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
}
