package dev.foresight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The library's logging defaults never override the user. */
class LoggingTest {
    private static final Logger userSet = Logger.getLogger("dev.foresight.loggingtest.user");

    @Test
    void quietsAnUnsetLoggerAndLeavesAUserSetLevelAlone() {
        userSet.setLevel(Level.FINE);
        Map<String, Level> defaults = new LinkedHashMap<>();
        defaults.put("dev.foresight.loggingtest.user", Level.WARNING);
        defaults.put("dev.foresight.loggingtest.unset", Level.WARNING);
        List<String> set = Logging.applyDefaults(defaults, name -> null);
        assertEquals(List.of("dev.foresight.loggingtest.unset"), set);
        assertEquals(Level.FINE, userSet.getLevel(), "the user's level is kept");
        System.gc(); // the library holds the loggers it configured: their levels survive
        assertEquals(Level.WARNING, Logger.getLogger("dev.foresight.loggingtest.unset").getLevel());
        assertEquals(List.of(), Logging.applyDefaults(defaults, name -> null), "a second call changes nothing");
    }

    @Test
    void aLoggingConfigurationPropertyDisablesTheDefaults() {
        Map<String, Level> defaults = Map.of("dev.foresight.loggingtest.configured", Level.WARNING);
        assertTrue(Logging.applyDefaults(defaults,
                name -> name.equals("java.util.logging.config.file") ? "logging.properties" : null).isEmpty());
        assertTrue(Logging.applyDefaults(defaults,
                name -> name.equals("java.util.logging.config.class") ? "my.Config" : null).isEmpty());
        assertNull(Logger.getLogger("dev.foresight.loggingtest.configured").getLevel());
    }

    @Test
    void theLibrariesAreQuietAfterThePhysicsLoads() {
        dev.foresight.env.physics.PhysicsNatives.load();
        Logging.applyDefaults();
        if (System.getProperty("java.util.logging.config.file") == null
                && System.getProperty("java.util.logging.config.class") == null) {
            for (String name : List.of("com.jme3", "jme3utilities", "com.simsilica", "ai.djl", "com.jme3.asset.AssetConfig")) {
                assertNotNull(Logger.getLogger(name).getLevel(), name);
            }
            assertTrue(Logger.getLogger("com.jme3").getLevel().intValue() >= Level.WARNING.intValue());
        }
    }
}
