package org.bioner.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Fails early, with the fix in the message, when the classpath holds a uimaFIT newer than its uimaj-core: Maven's
 * nearest-wins resolution produces that mix when a consumer declares another UIMA user (cTAKES, DKPro Core)
 * before bioner-uima, and it otherwise dies later with {@code NoClassDefFoundError:
 * org/apache/uima/internal/util/ClassLoaderUtils}. Importing {@code org.bioner:bioner-bom} avoids the mix.
 */
public final class UimaVersions {

    private static volatile boolean checked;

    private UimaVersions() {
    }

    /** The Maven version of an artifact on the classpath (from its pom.properties), or null. */
    static String version(String groupId, String artifactId) {
        String res = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = UimaVersions.class.getClassLoader().getResourceAsStream(res)) {
            if (in == null) return null;
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            return null;
        }
    }

    /** major * 1000 + minor of a version string such as 3.6.1, or -1. */
    static int minorVersion(String v) {
        if (v == null) return -1;
        String[] parts = v.split("[.-]");
        try {
            return Integer.parseInt(parts[0]) * 1000 + (parts.length > 1 ? Integer.parseInt(parts[1]) : 0);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Throws {@link IllegalStateException} when uimafit-core is newer (major.minor) than uimaj-core. */
    public static void check() {
        if (checked) return;
        String core = version("org.apache.uima", "uimaj-core");
        String fit = version("org.apache.uima", "uimafit-core");
        int c = minorVersion(core), f = minorVersion(fit);
        if (c >= 0 && f >= 0 && f > c) {
            throw new IllegalStateException("UIMA version mix on the classpath: uimafit-core " + fit + " needs uimaj-core "
                    + fit.replaceAll("^(\\d+\\.\\d+).*", "$1") + ".x or newer, but uimaj-core " + core + " is there "
                    + "(Maven picked it from another dependency). Import the BOM org.bioner:bioner-bom (scope import) "
                    + "in your dependencyManagement, or declare uimaj-core and uimafit-core at matching versions");
        }
        checked = true;
    }
}
