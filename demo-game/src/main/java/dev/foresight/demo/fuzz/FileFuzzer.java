package dev.foresight.demo.fuzz;

import dev.foresight.agent.ActorCriticAgent;
import dev.foresight.algorithm.Environments;
import dev.foresight.checkpoint.Checkpoint;
import dev.foresight.data.NpzFiles;
import dev.foresight.data.Transitions;
import dev.foresight.env.Environment;
import dev.foresight.io.AtomicFiles;
import dev.foresight.model.ensemble.EnsembleWeights;
import dev.foresight.onnx.ModelMetadata;
import dev.foresight.onnx.OnnxExporter;
import dev.foresight.util.RandomStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Feeds N mutated files — {@code .onnx} dynamics models, {@code .npz} replay data,
 * {@code config.json} run settings and {@code checkpoint.zip} run checkpoints, in turn — to the loaders, in a child JVM ({@link FuzzWorker}):
 * a native crash ends the child (counted as a crash of the case it was loading, and a new child
 * goes on from the next case), a case that takes longer than the timeout is a hang (the child is
 * killed). Every other outcome is classified by {@link FuzzCase#run}. Case i's bytes depend only
 * on the seed and i.
 */
public final class FileFuzzer {
    private FileFuzzer() {
    }

    /**
     * What a fuzzing run found.
     *
     * @param files cases run
     * @param loads cases that loaded and were usable
     * @param errors cases refused with a clear error
     * @param crashes cases that crashed the JVM or threw an unexpected exception
     * @param partialLoads cases that loaded but gave something unusable
     * @param hangs cases that took longer than the timeout
     * @param findings one line per crash, partial load and hang: the case, its kind and what happened
     */
    public record Summary(int files, int loads, int errors, int crashes, int partialLoads, int hangs,
                          List<String> findings) {
        /** @return the documented last line, {@code files=N crashes=C partial_loads=P hangs=H} */
        public String line() {
            return "files=" + files + " crashes=" + crashes + " partial_loads=" + partialLoads + " hangs=" + hangs;
        }
    }

    static FuzzCase kindOf(int index) {
        return FuzzCase.values()[index % FuzzCase.values().length];
    }

    static String fileName(int index) {
        return String.format("case-%06d.%s", index, kindOf(index).extension());
    }

    /**
     * @param count cases (&ge;1)
     * @param seed the seed of the mutations
     * @param dir where the cases are written (created if missing; kept, so a finding can be replayed)
     * @param timeoutSeconds the longest a case may take (&gt;0)
     * @param progress hears each finding as it is found (not null)
     * @return the summary
     * @throws IOException if the cases cannot be written or the child cannot start
     */
    public static Summary run(int count, long seed, Path dir, double timeoutSeconds, Consumer<String> progress)
            throws IOException, InterruptedException {
        if (count < 1 || !(timeoutSeconds > 0)) {
            throw new IllegalArgumentException("need count >= 1 and a positive timeout");
        }
        Files.createDirectories(dir);
        Map<FuzzCase, byte[]> seeds = seedFiles(dir);
        for (int i = 0; i < count; i++) {
            FuzzCase kind = kindOf(i);
            RandomStream random = new RandomStream(seed * 1_000_003L + i);
            // Half of the binary cases are structure-aware (a valid container around a mutated part).
            byte[] mutated = kind == FuzzCase.NPZ && random.nextBoolean() ? Mutator.mutateZipMember(seeds.get(kind), random)
                    : (kind == FuzzCase.ONNX || kind == FuzzCase.MUZERO) && random.nextBoolean()
                    ? Mutator.mutateOnnxModel(seeds.get(kind), random)
                    : kind == FuzzCase.CHECKPOINT && random.nextInt(4) > 0
                    ? Mutator.mutateCheckpointEntry(seeds.get(kind), random)
                    : Mutator.mutate(seeds.get(kind), kind == FuzzCase.CONFIG, random);
            AtomicFiles.write(dir.resolve(fileName(i)), mutated);
        }
        int loads = 0;
        int errors = 0;
        int crashes = 0;
        int partial = 0;
        int hangs = 0;
        List<String> findings = new ArrayList<>();
        int next = 0;
        while (next < count) {
            Process child = startWorker(dir, next, count);
            BlockingQueue<String> lines = new ArrayBlockingQueue<>(1024);
            Thread reader = readLines(child, lines);
            int expected = next;
            while (expected < count) {
                String line = lines.poll((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS);
                String finding = null;
                if (line == null) {
                    boolean died = !child.isAlive() || child.waitFor(0, TimeUnit.MILLISECONDS);
                    child.destroyForcibly().waitFor();
                    if (died) {
                        crashes++;
                        finding = "crash (the JVM died, exit " + child.exitValue() + ")";
                    } else {
                        hangs++;
                        finding = "hang (no answer within " + timeoutSeconds + " s)";
                    }
                } else if (line.equals(EOF)) {
                    child.waitFor();
                    crashes++;
                    finding = "crash (the JVM died, exit " + child.exitValue() + ")";
                    line = null;
                }
                if (line == null) {
                    String text = fileName(expected) + " " + kindOf(expected) + ": " + finding;
                    findings.add(text);
                    progress.accept(text);
                    expected++;
                    break;
                }
                int space = line.indexOf(' ');
                int index = Integer.parseInt(line.substring(0, space));
                String result = line.substring(space + 1);
                if (index != expected) {
                    throw new IllegalStateException("the fuzz worker answered case " + index + ", expected " + expected);
                }
                if (result.equals("ok")) {
                    loads++;
                } else if (result.equals("error")) {
                    errors++;
                } else {
                    if (result.startsWith("partial")) {
                        partial++;
                    } else {
                        crashes++;
                    }
                    String text = fileName(index) + " " + kindOf(index) + ": " + result;
                    findings.add(text);
                    progress.accept(text);
                }
                expected++;
            }
            child.destroyForcibly().waitFor();
            reader.join(5_000);
            next = expected;
        }
        return new Summary(count, loads, errors, crashes, partial, hangs, findings);
    }

    private static final String EOF = "\u0000eof";

    private static Thread readLines(Process child, BlockingQueue<String> lines) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (!line.isEmpty() && Character.isDigit(line.charAt(0))) {
                        lines.put(line);
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the child was killed
            } finally {
                lines.offer(EOF);
            }
        }, "fuzz-reader");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private static Process startWorker(Path dir, int from, int to) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                FuzzWorker.class.getName(), dir.toString(), Integer.toString(from), Integer.toString(to));
        builder.redirectError(dir.resolve("worker-stderr.log").toFile());
        return builder.start();
    }

    /** Writes the valid seed files (small ones, so that mutations hit every part) and returns their bytes. */
    private static Map<FuzzCase, byte[]> seedFiles(Path dir) throws IOException {
        Map<FuzzCase, byte[]> seeds = new EnumMap<>(FuzzCase.class);
        Path onnx = dir.resolve("seed.onnx");
        OnnxExporter.export(EnsembleWeights.random(2, 3, 1, List.of(8), 1),
                new ModelMetadata("pendulum", List.of("cos_theta", "sin_theta", "theta_dot"), List.of("torque"), 40,
                        Map.of("purpose", "fuzz seed")), onnx);
        seeds.put(FuzzCase.ONNX, Files.readAllBytes(onnx));
        int n = 24;
        RandomStream random = new RandomStream(7);
        float[] obs = new float[n * 3];
        float[] next = new float[n * 3];
        float[] action = new float[n];
        float[] reward = new float[n];
        boolean[] terminated = new boolean[n];
        boolean[] truncated = new boolean[n];
        for (int i = 0; i < n * 3; i++) {
            obs[i] = (float) random.nextGaussian();
            next[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            action[i] = (float) random.nextGaussian();
            reward[i] = (float) random.nextGaussian();
        }
        truncated[n / 2 - 1] = true;
        truncated[n - 1] = true;
        Path npz = dir.resolve("seed.npz");
        NpzFiles.save(npz, new Transitions(3, 1, obs, action, reward, next, terminated, truncated));
        seeds.put(FuzzCase.NPZ, Files.readAllBytes(npz));
        seeds.put(FuzzCase.CONFIG, (FuzzCase.seedConfig().toJson() + "\n").getBytes(StandardCharsets.UTF_8));
        seeds.put(FuzzCase.CHECKPOINT, seedCheckpoint(Files.createDirectories(dir.resolve("seed-run"))));
        seeds.put(FuzzCase.MUZERO, FuzzCase.muzeroFiles()[1]);
        return seeds;
    }

    /** A checkpoint of the fuzzer's small MBPO agent after 120 pendulum steps (it has learned and imagined). */
    private static byte[] seedCheckpoint(Path dir) throws IOException {
        try (ActorCriticAgent agent = FuzzCase.checkpointAgent(dir);
             Environment env = Environments.create("pendulum")) {
            float[] obs = env.reset(3).clone();
            float[] action = new float[1];
            agent.beginEpisode(obs);
            for (int t = 0; t < 120; t++) {
                agent.act(obs, action);
                var step = env.step(action);
                float[] next = step.observation().clone();
                agent.observe(obs, action, step.reward(), next, false, false);
                obs = next;
            }
            agent.endEpisode();
            Checkpoint checkpoint = new Checkpoint();
            agent.saveState(checkpoint.scope("agent"));
            Path file = dir.resolve("seed-checkpoint.zip");
            checkpoint.write(file);
            return Files.readAllBytes(file);
        }
    }
}
