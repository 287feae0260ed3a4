/**
 * Sweeps: every combination of environments × agents × named settings × seeds trained as its own
 * run, each run one Spark task that starts the training as a child JVM (DJL and the native
 * libraries keep process-wide state, and a native crash must end only its own run), collected into
 * a folder per run and one {@code results.csv}. Embedded Spark ({@code local[*]}) by default, a
 * cluster when asked; resumable (finished runs are skipped, half-done ones resume from their
 * checkpoint) and loss-free (a failed run is retried, then recorded as failed with its log).
 */
package dev.foresight.experiments.sweep;
