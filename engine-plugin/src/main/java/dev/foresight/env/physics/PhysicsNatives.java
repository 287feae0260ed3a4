package dev.foresight.env.physics;

import com.jme3.system.NativeLibraryLoader;
import java.util.logging.Logger;

/** Loads Libbulletjme's native library once per JVM. Thread-safe. */
public final class PhysicsNatives {
    private static final Logger logger = Logger.getLogger(PhysicsNatives.class.getName());
    private static boolean loaded;

    private PhysicsNatives() {
    }

    /**
     * Loads the native physics library unless it is already loaded.
     *
     * @throws IllegalStateException if this platform has no native library
     */
    public static synchronized void load() {
        if (loaded) {
            return;
        }
        try {
            NativeLibraryLoader.loadNativeLibrary("bulletjme", true);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            throw new IllegalStateException("cannot load Minie's native physics library (bulletjme) for "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ": " + e.getMessage(), e);
        }
        loaded = true;
        logger.fine("bulletjme loaded");
    }
}
