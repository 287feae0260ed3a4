package dev.foresight.demo.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Repeats a piece of work until the JVM reaches its steady state: at least a minimum number of
 * runs and seconds, and then until the JIT compilers have been idle for a second (their threads
 * otherwise take one of a 2-core machine's cores in the middle of timed runs), or a cap.
 */
public final class JitWarmUp {
    private static final long QUIET_NANOS = 1_000_000_000L;

    private JitWarmUp() {
    }

    /**
     * @param work one untimed run
     * @param minRuns runs at least this many times
     * @param minSeconds and for at least this long (in seconds)
     * @param maxSeconds gives up waiting for a quiet JIT after this long (in seconds)
     * @return the seconds spent
     */
    public static double run(Runnable work, int minRuns, double minSeconds, double maxSeconds) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean monitored = jit != null && jit.isCompilationTimeMonitoringSupported();
        long start = System.nanoTime();
        long lastCompileTime = -1;
        long quietSince = start;
        for (int runs = 0; ; runs++) {
            work.run();
            long now = System.nanoTime();
            if (monitored) {
                long compileTime = jit.getTotalCompilationTime();
                if (compileTime != lastCompileTime) {
                    lastCompileTime = compileTime;
                    quietSince = now;
                }
            }
            boolean enough = runs + 1 >= minRuns && now - start >= minSeconds * 1e9;
            if (enough && (!monitored || now - quietSince >= QUIET_NANOS || now - start >= maxSeconds * 1e9)) {
                return (now - start) / 1e9;
            }
        }
    }
}
