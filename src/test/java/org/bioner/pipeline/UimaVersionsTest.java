package org.bioner.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;

class UimaVersionsTest {

    @Test
    void readsVersionsFromTheClasspathAndComparesMajorMinor() {
        assertNotNull(UimaVersions.version("org.apache.uima", "uimaj-core"));
        assertNotNull(UimaVersions.version("org.apache.uima", "uimafit-core"));
        assertEquals(3005, UimaVersions.minorVersion("3.5.0"));
        assertEquals(3006, UimaVersions.minorVersion("3.6.1-SNAPSHOT"));
        assertEquals(-1, UimaVersions.minorVersion(null));
        UimaVersions.check(); // this build's own classpath is consistent
    }
}
