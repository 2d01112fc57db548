package org.bioner.testutil;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the reference values that the PyTorch scripts under src/test/resources write: one tensor a line,
 * {@code name<TAB>shape<TAB>space-separated values}.
 */
public final class TorchReference {

    private TorchReference() { }

    /** name -> values of the classpath resource {@code resource}. */
    public static Map<String, double[]> load(String resource) throws IOException {
        Map<String, double[]> m = new HashMap<>();
        try (InputStream in = TorchReference.class.getResourceAsStream(resource)) {
            if (in == null) throw new IOException("test resource " + resource + " not found");
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.split("\t");
                String[] v = f[2].split(" ");
                double[] d = new double[v.length];
                for (int i = 0; i < v.length; i++) d[i] = Double.parseDouble(v[i]);
                m.put(f[0], d);
            }
        }
        return m;
    }
}
