package dev.foresight.env.physics;

import com.jme3.system.NativeLibraryLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * Loads Libbulletjme's native library once per JVM and initialises its JNI cache. Thread-safe:
 * call {@link #load()} before creating any Minie object on any thread. The first call also applies
 * Foresight's logging defaults ({@link dev.foresight.Logging#applyDefaults()}: jME, Minie and DJL
 * quiet unless the user configured logging).
 */
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
     * Initialises Libbulletjme's cache of Java class, field and method IDs on this thread, while
     * {@link #load()} holds its lock. The library fills that cache lazily in the first native
     * object constructor, marking it done <em>before</em> filling it: two threads creating their
     * first Minie objects at the same moment let one of them use null method IDs, and the JVM
     * crashed ({@code SIGSEGV} in {@code jni_CallObjectMethodV}, e.g. under
     * {@code getInverseInertiaLocal} or {@code getAngularVelocity}). Creating one rigid body here
     * (its motion state's constructor fills the cache) does it before any other thread gets past
     * {@code load()}. A body rather than a space: a space would become this thread's current one.
     */
    private static void initialiseJniCache() {
        // The library would print "Libbulletjme version … initializing" to stdout, into the
        // command line's machine-read output; the version goes to the log instead.
        com.jme3.bullet.util.NativeLibrary.setStartupMessageEnabled(false);
        new com.jme3.bullet.objects.PhysicsRigidBody(new com.jme3.bullet.collision.shapes.SphereCollisionShape(0.1f), 1f);
    }

    /**
     * Loads the native physics library unless it is already loaded (by this class or by anything
     * else, such as Minie's {@code BulletAppState}), and initialises its JNI cache. Call it before
     * creating a {@code BulletAppState} so that the library comes from this process's private folder.
     *
     * @throws IllegalStateException if this platform has no native library
     */
    public static synchronized void load() {
        if (loaded) {
            return;
        }
        dev.foresight.Logging.applyDefaults();
        loadLibrary();
        initialiseJniCache();
        loaded = true;
        logger.fine(() -> "Libbulletjme " + com.jme3.bullet.util.NativeLibrary.versionNumber() + " ready");
    }

    private static void loadLibrary() {
        if (alreadyLoadedElsewhere()) {
            // E.g. a game's BulletAppState loaded it first (from jME's extraction folder). Loading a
            // second copy from another folder would give the process two Libbulletjme libraries
            // whose JNI caches disagree: the JVM then crashed in the first native up-call.
            return;
        }
        // jME extracts the library into a folder shared by every process of the user, and a
        // process starting at the same moment can find it half-written or overwrite it while
        // another maps it (seen as load failures and crashes). Each process gets a folder of its own.
        usePrivateExtractionFolder();
        for (int attempt = 1; ; attempt++) {
            try {
                NativeLibraryLoader.loadNativeLibrary("bulletjme", true);
                logger.fine("bulletjme loaded");
                return;
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
    }
}
