package dev.foresight;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Foresight's logging defaults: the libraries it builds on are quiet unless asked otherwise.
 * Everything logs through {@code java.util.logging} (DJL's SLF4J calls too: the library ships the
 * {@code slf4j-jdk14} binding, so SLF4J never prints its "no providers" warning).
 *
 * <p>{@link #applyDefaults()} sets {@code com.jme3}, {@code jme3utilities}, {@code com.simsilica}
 * and {@code ai.djl} to {@link Level#WARNING} and {@code com.jme3.asset.AssetConfig} to
 * {@link Level#SEVERE} (jME's default asset configuration names loaders for formats a game may not
 * ship), so that e.g. Minie's INFO line per rigid body does not appear. It is configurable the
 * usual way and never overrides the user: it does nothing when the system property
 * {@code java.util.logging.config.file} or {@code java.util.logging.config.class} is set, and it
 * leaves alone every logger whose level is already set (by a logging configuration or by code).
 * Configure a level before Foresight first loads its physics, or set it again afterwards.
 *
 * <p>{@code PhysicsNatives.load()} calls it (every physics use goes through it); code that uses
 * Foresight without physics (e.g. only DJL training) can call it itself. Calling it again is
 * harmless. Threading: thread-safe.
 */
public final class Logging {
    private static final Map<String, Level> DEFAULTS = new LinkedHashMap<>();
    /** Held strongly: java.util.logging keeps loggers only weakly and would forget their levels. */
    private static final List<Logger> CONFIGURED = new ArrayList<>();

    static {
        DEFAULTS.put("com.jme3", Level.WARNING);
        DEFAULTS.put("jme3utilities", Level.WARNING);
        DEFAULTS.put("com.simsilica", Level.WARNING);
        DEFAULTS.put("ai.djl", Level.WARNING);
        DEFAULTS.put("com.jme3.asset.AssetConfig", Level.SEVERE);
    }

    private Logging() {
    }

    /**
     * Applies the defaults described in the class Javadoc.
     *
     * @return the names of the loggers whose level this call set (empty if none)
     */
    public static List<String> applyDefaults() {
        return applyDefaults(DEFAULTS, System::getProperty);
    }

    /**
     * @param defaults logger name to level (unaffected)
     * @param properties reads a system property (null if unset)
     * @return the names of the loggers whose level this call set
     */
    static synchronized List<String> applyDefaults(Map<String, Level> defaults, UnaryOperator<String> properties) {
        List<String> set = new ArrayList<>();
        if (properties.apply("java.util.logging.config.file") != null
                || properties.apply("java.util.logging.config.class") != null) {
            return set;
        }
        for (Map.Entry<String, Level> entry : defaults.entrySet()) {
            Logger logger = Logger.getLogger(entry.getKey());
            if (logger.getLevel() == null) {
                logger.setLevel(entry.getValue());
                CONFIGURED.add(logger);
                set.add(entry.getKey());
            }
        }
        return set;
    }
}
