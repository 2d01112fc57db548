package org.bioner.consumer;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** Which UIMA versions Maven put on this consumer's classpath (printed for the CI log), and that they fit together. */
class UimaVersionsTest {

    static String version(String artifactId) throws Exception {
        try (InputStream in = UimaVersionsTest.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.apache.uima/" + artifactId + "/pom.properties")) {
            if (in == null) return null;
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        }
    }

    static int minor(String v) {
        String[] p = v.split("\\.");
        return Integer.parseInt(p[0]) * 1000 + Integer.parseInt(p[1]);
    }

    @Test
    void uimafitIsNotNewerThanUimajCore() throws Exception {
        String core = version("uimaj-core"), fit = version("uimafit-core"), cpe = version("uimaj-cpe"),
                fitCpe = version("uimafit-cpe");
        System.out.println("consumer classpath: uimaj-core " + core + ", uimaj-cpe " + cpe + ", uimafit-core " + fit
                + ", uimafit-cpe " + fitCpe);
        assertNotNull(core);
        assertNotNull(fit);
        assertTrue(minor(fit) <= minor(core), "uimafit-core " + fit + " on uimaj-core " + core);
        assertTrue(ClassLoader.getSystemResource("org/slf4j/impl/SimpleLogger.class") != null,
                "the consumer's own logging binding (test scope here)");
    }
}
