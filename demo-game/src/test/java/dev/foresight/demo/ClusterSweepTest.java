package dev.foresight.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.experiments.sweep.RunLauncher;
import dev.foresight.experiments.sweep.Sweep;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep on a real Spark standalone cluster: a master and two workers, each its own JVM started
 * from Spark's classes ({@code org.apache.spark.deploy.master.Master}, {@code …worker.Worker}) on
 * 127.0.0.1 with authentication on, and the sweep's driver a fourth JVM ({@code sweep --master
 * spark://127.0.0.1:PORT} with the secret in {@value Sweep#SECRET_VARIABLE}). Every run becomes a
 * task on the workers' executors, and its files are byte-identical to the same sweep in
 * {@code local[2]}.
 */
class ClusterSweepTest {
    private static final Pattern WORKERS = Pattern.compile("Registering worker");
    private static final Pattern FINISHED_TASK = Pattern.compile("Finished task \\d+\\.\\d+ in stage");

    @TempDir
    Path dir;

    private final List<Process> daemons = new ArrayList<>();

    @Test
    void aClusterSweepMatchesTheEmbeddedOneByteForByte() throws Exception {
        Path spec = dir.resolve("spec.json");
        Files.writeString(spec, """
                {"envs": ["pendulum", "ball"], "agents": ["pets"], "seeds": "1-2", "episodes": 2,
                 "settings": {"small": {"pets": {"randomEpisodes": 1, "ensemble": {"hiddenSizes": [16, 16], "maxEpochs": 5},
                   "planner": {"horizon": 5, "particles": 2,
                     "optimizer": {"kind": "cem", "population": 20, "elites": 4, "iterations": 2}}}}}}
                """);
        String secret = UUID.randomUUID().toString();
        int port = freePort();
        try {
            Path conf = dir.resolve("spark.conf");
            Files.writeString(conf, "spark.authenticate true\nspark.authenticate.secret " + secret
                    + "\nspark.master.rest.enabled false\n");
            Path masterLog = dir.resolve("master.log");
            start(masterLog, Map.of(), "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                    Integer.toString(port), "--webui-port", "0", "--properties-file", conf.toString());
            // A worker starts executors the way a Spark installation does: SPARK_HOME/jars (empty here:
            // the executors' classes come from the sweep's class path, spark.executor.extraClassPath).
            Path home = Files.createDirectories(dir.resolve("spark-home"));
            Files.createDirectories(home.resolve("jars"));
            Files.writeString(home.resolve("RELEASE"), "Spark (classes from the test's class path)\n");
            List<Path> workDirs = new ArrayList<>();
            for (int w = 1; w <= 2; w++) {
                Path work = Files.createDirectories(dir.resolve("worker-" + w));
                workDirs.add(work);
                start(dir.resolve("worker-" + w + ".log"),
                        Map.of("SPARK_HOME", home.toString(), "SPARK_SCALA_VERSION", "2.13"),
                        "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1", "--memory", "1g",
                        "--webui-port", "0", "--work-dir", work.toString(), "--properties-file", conf.toString(),
                        "spark://127.0.0.1:" + port);
            }
            waitFor(masterLog, WORKERS, 2, 120);

            Path onCluster = dir.resolve("cluster");
            Path driverLog = dir.resolve("driver.log");
            Process driver = start(driverLog, Map.of(Sweep.SECRET_VARIABLE, secret), ForesightCli.class.getName(),
                    "sweep", "--spec", spec.toString(), "--master", "spark://127.0.0.1:" + port, "--out",
                    onCluster.toString());
            assertTrue(driver.waitFor(10, TimeUnit.MINUTES), "the cluster sweep did not end in 10 minutes");
            String driverOutput = Files.readString(driverLog);
            assertEquals(0, driver.exitValue(), driverOutput);
            assertTrue(driverOutput.contains("runs=4 skipped=0 ran=4 failed=0"), driverOutput);

            int tasks = 0;
            for (Path work : workDirs) {
                int here = finishedTasks(work);
                assertTrue(here > 0, "worker " + work.getFileName() + " ran no task");
                tasks += here;
            }
            assertEquals(4, tasks, "every run is one task on the cluster's executors");

            Path embedded = dir.resolve("local");
            ForesightCliTest.Run local = ForesightCliTest.run("sweep", "--spec", spec.toString(), "--master", "local[2]",
                    "--out", embedded.toString());
            assertEquals(0, local.exitCode(), local.err() + local.out());
            SweepFolders.assertSameRuns(onCluster, embedded,
                    List.of("config.json", "dynamics.onnx", "learning_curve.png", "metrics.csv", "timing.csv"));
        } finally {
            for (Process p : daemons) {
                p.destroy();
            }
            for (Process p : daemons) {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    /** Starts a JVM on the test's class path with loopback-only networking; output to a log. */
    private Process start(Path log, Map<String, String> env, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", RunLauncher.absoluteClassPath(), mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(dir.toFile());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().putAll(env);
        Process process = builder.start();
        daemons.add(process);
        return process;
    }

    private static void waitFor(Path log, Pattern line, int count, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && count(Files.readString(log), line) >= count) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no " + count + " lines '" + line + "' in " + seconds + " s: " + Files.readString(log));
    }

    /** @return the tasks the executors under a worker's folder finished (their stderr logs say so) */
    private static int finishedTasks(Path work) throws IOException {
        int n = 0;
        try (Stream<Path> files = Files.walk(work)) {
            for (Path stderr : files.filter(p -> p.getFileName().toString().equals("stderr")).toList()) {
                n += count(Files.readString(stderr), FINISHED_TASK);
            }
        }
        return n;
    }

    private static int count(String text, Pattern line) {
        Matcher m = line.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
