package dev.foresight.djl;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.util.logging.Logger;

/**
 * Sets variables in the process's native environment, which native libraries (libtorch's MKL and
 * OpenMP) read when they load; Java's {@link System#getenv} cannot change it. Uses libc's
 * {@code setenv} through JNA on Linux and macOS, and {@code _putenv_s} on Windows.
 */
public final class NativeEnvironment {
    private static final Logger logger = Logger.getLogger(NativeEnvironment.class.getName());

    private interface Posix extends Library {
        int setenv(String name, String value, int overwrite);

        String getenv(String name);
    }

    private interface Msvcrt extends Library {
        int _putenv_s(String name, String value);

        String getenv(String name);
    }

    private NativeEnvironment() {
    }

    /**
     * Sets {@code name=value} unless the variable already has a value. Failures are logged, not thrown.
     *
     * @param name the variable
     * @param value its value
     */
    public static synchronized void setDefault(String name, String value) {
        try {
            if (Platform.isWindows()) {
                Msvcrt msvcrt = Native.load("msvcrt", Msvcrt.class);
                if (msvcrt.getenv(name) == null) {
                    msvcrt._putenv_s(name, value);
                }
            } else {
                Native.load("c", Posix.class).setenv(name, value, 0);
            }
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            logger.warning("could not set " + name + "=" + value + " in the native environment (" + e.getMessage()
                    + "); set it before starting Java for reproducible training");
        }
    }
}
