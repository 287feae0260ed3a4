package dev.foresight.env.physics;

import dev.foresight.env.Environment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A program for {@link PhysicsNativesTest}, run in a fresh JVM: several threads create and step
 * their first physics scenes at the same moment, the way a vectorised environment starts. Prints
 * {@code ok N} (N scenes stepped) and exits 0, or exits 1 on an exception; a native race crashes
 * the JVM instead.
 */
public final class ConcurrentFirstUse {
    private ConcurrentFirstUse() {
    }

    /**
     * @param args the number of threads
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        int threads = Integer.parseInt(args[0]);
        AtomicInteger loaded = new AtomicInteger();
        AtomicInteger stepped = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String task = BuiltInTasks.names().get(t % BuiltInTasks.names().size());
            Thread worker = new Thread(() -> {
                try {
                    // Every thread loads the library first, then all create their first objects at
                    // the same moment (spinning, not parking, so that they start within microseconds).
                    PhysicsNatives.load();
                    loaded.incrementAndGet();
                    while (loaded.get() < threads) {
                        Thread.onSpinWait();
                    }
                    try (Environment env = BuiltInTasks.environment(task)) {
                        env.reset(1);
                        for (int i = 0; i < 10; i++) {
                            env.step(new float[env.spec().actionDim()]);
                        }
                    }
                    stepped.incrementAndGet();
                } catch (Exception | Error e) {
                    e.printStackTrace();
                    failed.incrementAndGet();
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        System.out.println("ok " + stepped.get());
        System.exit(failed.get() == 0 ? 0 : 1);
    }
}
