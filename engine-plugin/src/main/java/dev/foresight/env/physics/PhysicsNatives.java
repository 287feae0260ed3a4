package dev.foresight.env.physics;

import com.jme3.system.NativeLibraryLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/** Loads Libbulletjme's native library once per JVM. Thread-safe. */
public final class PhysicsNatives {
    private static final Logger logger = Logger.getLogger(PhysicsNatives.class.getName());
    private static final int ATTEMPTS = 6;
    private static boolean loaded;

    private PhysicsNatives() {
    }

    private static void usePrivateExtractionFolder() {
        try {
            Path folder = Files.createTempDirectory("foresight-natives-");
            NativeLibraryLoader.setCustomExtractionFolder(folder.toString());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(folder), "foresight-natives-cleanup"));
        } catch (IOException | RuntimeException e) {
            logger.warning("cannot create a private folder for native libraries (" + e.getMessage()
                    + "); using jME's shared one");
        }
    }

    private static void deleteQuietly(Path folder) {
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // best effort at exit
        }
    }

    /** @return whether Libbulletjme's native methods already resolve in this JVM */
    private static boolean alreadyLoadedElsewhere() {
        try {
            com.jme3.bullet.util.NativeLibrary.isDoublePrecision();
            return true;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }

    /**
     * Loads the native physics library unless it is already loaded (by this class or by anything
     * else, such as Minie's {@code BulletAppState}). Call it before creating a {@code BulletAppState}
     * so that the library comes from this process's private folder.
     *
     * @throws IllegalStateException if this platform has no native library
     */
    public static synchronized void load() {
        if (loaded) {
            return;
        }
        if (alreadyLoadedElsewhere()) {
            // E.g. a game's BulletAppState loaded it first (from jME's extraction folder). Loading a
            // second copy from another folder would give the process two Libbulletjme libraries
            // whose JNI caches disagree: the JVM then crashed in the first native up-call.
            loaded = true;
            return;
        }
        // jME extracts the library into a folder shared by every process of the user, and a
        // process starting at the same moment can find it half-written or overwrite it while
        // another maps it (seen as load failures and crashes). Each process gets a folder of its own.
        usePrivateExtractionFolder();
        for (int attempt = 1; !loaded; attempt++) {
            try {
                NativeLibraryLoader.loadNativeLibrary("bulletjme", true);
                loaded = true;
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                if (attempt >= ATTEMPTS) {
                    throw new IllegalStateException("cannot load Minie's native physics library (bulletjme) for "
                            + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ": " + e.getMessage(), e);
                }
                logger.warning("loading bulletjme failed (" + e.getMessage() + "); retrying");
                try {
                    Thread.sleep(250L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while loading bulletjme", interrupted);
                }
            }
        }
        logger.fine("bulletjme loaded");
    }
}
