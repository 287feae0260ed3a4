package dev.foresight.algorithm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.usertask.SlidingBlockTask;
import dev.foresight.agent.Agent;
import dev.foresight.agent.EpisodeStats;
import dev.foresight.checkpoint.CheckpointException;
import dev.foresight.checkpoint.Checkpointable;
import dev.foresight.env.Environment;
import dev.foresight.util.RandomStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints: a run stopped after its state moved past its last checkpoint, then resumed, ends
 * with exactly the files of a run that never stopped (timing columns aside); bad checkpoints are
 * clear errors that change nothing.
 */
class TrainingRunResumeTest {
    @TempDir
    Path dir;

    /** Stops the run (as a crash would) when an episode ends. */
    private static RunListener stopAfter(int episode) {
        return new RunListener() {
            @Override
            public void onEpisode(EpisodeRow row, EpisodeStats stats) {
                if (row.episode() == episode) {
                    throw new IllegalStateException("stopped");
                }
            }
        };
    }

    private void resumedEqualsUninterrupted(RunConfig config, List<String> files) throws Exception {
        Path whole = dir.resolve("whole");
        Path stopped = dir.resolve("stopped");
        TrainingRun.Result expected = TrainingRun.run(config, whole, RunListener.NONE, 2);
        // Checkpoints after episodes 2 and 4; stopped after episode 3, whose files are already written.
        assertThrows(IllegalStateException.class, () -> TrainingRun.run(config, stopped, stopAfter(3), 2));
        TrainingRun.Result resumed = TrainingRun.resume(stopped, RunListener.NONE, 2);

        assertEquals(withoutTimes(expected.rows()), withoutTimes(resumed.rows()));
        for (String file : files) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(file)), Files.readAllBytes(stopped.resolve(file)), file);
        }
        assertEquals(metricsWithoutTimes(whole), metricsWithoutTimes(stopped));
    }

    @Test
    void mbpoResumesToTheSameEnd() throws Exception {
        RunConfig base = RunConfig.defaults(SlidingBlockTask.class.getName(), AgentKind.MBPO, 5, 3);
        RunConfig config = new RunConfig(base.env(), AgentKind.MBPO, 5, 3, null, base.pets(),
                ActorCriticRunTest.small(true, 3));
        resumedEqualsUninterrupted(config, List.of(ActorCritic.POLICY_FILE, Pets.MODEL_FILE, TrainingRun.CONFIG_FILE));
    }

    @Test
    void muzeroResumesToTheSameEnd() throws Exception {
        RunConfig base = RunConfig.defaults("cartpole-discrete", AgentKind.MUZERO, 5, 6);
        RunConfig config = new RunConfig(base.env(), AgentKind.MUZERO, 5, 6, null, base.pets(), base.actorCritic(),
                base.onPolicy(), base.dyna(), base.mcts(), dev.foresight.muzero.MuZeroRunTest.small(6).withGumbel(true));
        resumedEqualsUninterrupted(config, List.of(dev.foresight.onnx.MuZeroExporter.REPRESENTATION,
                dev.foresight.onnx.MuZeroExporter.DYNAMICS, dev.foresight.onnx.MuZeroExporter.PREDICTION,
                TrainingRun.CONFIG_FILE));
    }

    @Test
    void petsResumesToTheSameEnd() throws Exception {
        RunConfig config = new RunConfig(SlidingBlockTask.class.getName(), AgentKind.PETS, 5, 4, null,
                TrainingRunTest.smallPets(4, 1));
        resumedEqualsUninterrupted(config, List.of(Pets.MODEL_FILE, TrainingRun.CONFIG_FILE));
    }

    @Test
    void timingKeptApartLeavesMetricsTheSameOnAnyMachineAndResumesThatWay() throws Exception {
        RunConfig config = new RunConfig(SlidingBlockTask.class.getName(), AgentKind.PETS, 3, 5, null,
                TrainingRunTest.smallPets(5, 1));
        TrainingRun.Options apart = new TrainingRun.Options(1, true);
        Path whole = dir.resolve("whole");
        TrainingRun.run(config, whole, RunListener.NONE, apart);
        List<String> metrics = Files.readAllLines(whole.resolve(TrainingRun.METRICS_FILE));
        for (String row : metrics.subList(1, metrics.size())) {
            String[] cells = row.split(",", -1);
            assertEquals("", cells[4] + cells[5] + cells[6] + cells[7], row);
        }
        List<String> timing = Files.readAllLines(whole.resolve(TrainingRun.TIMING_FILE));
        assertEquals(TrainingRun.TIMING_HEADER, timing.get(0));
        assertEquals(4, timing.size());
        assertTrue(Double.parseDouble(timing.get(3).split(",")[4]) > 0, timing.get(3));

        Path stopped = dir.resolve("stopped");
        assertThrows(IllegalStateException.class, () -> TrainingRun.run(config, stopped, stopAfter(2), apart));
        TrainingRun.resume(stopped, RunListener.NONE, 1);
        assertArrayEquals(Files.readAllBytes(whole.resolve(TrainingRun.METRICS_FILE)),
                Files.readAllBytes(stopped.resolve(TrainingRun.METRICS_FILE)));
        assertArrayEquals(Files.readAllBytes(whole.resolve(Pets.MODEL_FILE)), Files.readAllBytes(stopped.resolve(Pets.MODEL_FILE)));
        assertEquals(4, Files.readAllLines(stopped.resolve(TrainingRun.TIMING_FILE)).size());
    }

    @Test
    void aRunExtendedOnResumeEndsAsTheLongerRun() throws Exception {
        RunConfig longer = new RunConfig(SlidingBlockTask.class.getName(), AgentKind.PETS, 4, 6, null,
                TrainingRunTest.smallPets(6, 1));
        Path whole = dir.resolve("whole");
        TrainingRun.Result expected = TrainingRun.run(longer, whole, RunListener.NONE);
        Path shorter = dir.resolve("shorter");
        TrainingRun.run(longer.withEpisodes(2), shorter, RunListener.NONE);
        assertThrows(IllegalArgumentException.class, () -> TrainingRun.resume(shorter, RunListener.NONE, 1, 1));
        TrainingRun.Result extended = TrainingRun.resume(shorter, RunListener.NONE, 1, 4);
        assertEquals(withoutTimes(expected.rows()), withoutTimes(extended.rows()));
        assertArrayEquals(Files.readAllBytes(whole.resolve(TrainingRun.CONFIG_FILE)),
                Files.readAllBytes(shorter.resolve(TrainingRun.CONFIG_FILE)));
        assertArrayEquals(Files.readAllBytes(whole.resolve(Pets.MODEL_FILE)), Files.readAllBytes(shorter.resolve(Pets.MODEL_FILE)));
    }

    @Test
    void everyResumableAgentSavesItsState() throws Exception {
        for (AgentKind kind : AgentKind.values()) {
            if (!kind.resumable()) {
                continue;
            }
            String task = SlidingBlockTask.class.getName();
            try {
                kind.algorithm().checkSupports(Environments.spec(task));
            } catch (IllegalArgumentException e) {
                task = "cartpole-discrete"; // agents of discrete actions
            }
            RunConfig config = RunConfig.defaults(task, kind, 1, 1);
            try (Environment env = Environments.create(config.env());
                 Agent agent = kind.algorithm().createAgent(env.spec(), config, new RandomStream(1),
                         dir.resolve(kind.id()), RunListener.NONE)) {
                assertInstanceOf(Checkpointable.class, agent, kind.id());
            }
        }
    }

    @Test
    void badCheckpointsAreClearErrorsThatChangeNothing() throws Exception {
        RunConfig config = new RunConfig(SlidingBlockTask.class.getName(), AgentKind.RANDOM, 3, 9, null,
                TrainingRunTest.smallPets(9, 1));
        Path run = dir.resolve("run");
        assertThrows(IllegalStateException.class, () -> TrainingRun.run(config, run, stopAfter(2), 1));
        Path checkpoint = run.resolve(RunCheckpoint.FILE);
        byte[] good = Files.readAllBytes(checkpoint);

        Files.write(checkpoint, java.util.Arrays.copyOf(good, good.length / 2));
        Map<String, String> before = hashes(run);
        CheckpointException cut = assertThrows(CheckpointException.class,
                () -> TrainingRun.resume(run, RunListener.NONE, 1));
        assertTrue(cut.getMessage().contains("corrupt") || cut.getMessage().contains("not a Foresight checkpoint"),
                cut.getMessage());
        assertEquals(before, hashes(run));

        Files.write(checkpoint, good);
        Path configFile = run.resolve(TrainingRun.CONFIG_FILE);
        String original = Files.readString(configFile);
        Files.writeString(configFile, original.replace("\"seed\": 9", "\"seed\": 8"));
        before = hashes(run);
        CheckpointException edited = assertThrows(CheckpointException.class,
                () -> TrainingRun.resume(run, RunListener.NONE, 1));
        assertTrue(edited.getMessage().contains("other settings"), edited.getMessage());
        assertEquals(before, hashes(run));

        Files.writeString(configFile, original);
        assertEquals(3, TrainingRun.resume(run, RunListener.NONE, 1).rows().size());

        CheckpointException none = assertThrows(CheckpointException.class,
                () -> TrainingRun.resume(dir.resolve("nothing-here"), RunListener.NONE, 1));
        assertTrue(none.getMessage().contains("config.json"), none.getMessage());
        RunConfig tabular = RunConfig.defaults("dyna-maze", AgentKind.DYNA_Q, 1, 1);
        Path dyna = dir.resolve("dyna");
        TrainingRun.run(tabular, dyna, RunListener.NONE, 1);
        CheckpointException notYet = assertThrows(CheckpointException.class,
                () -> TrainingRun.resume(dyna, RunListener.NONE, 1));
        assertTrue(notYet.getMessage().contains("cannot be resumed"), notYet.getMessage());
    }

    /** The rows with their timing cells (planning ms, training and wall seconds) blanked. */
    private static List<EpisodeRow> withoutTimes(List<EpisodeRow> rows) {
        return rows.stream().map(r -> new EpisodeRow(r.episode(), r.envSteps(), r.episodeReturn(), r.modelHoldoutNll(),
                0, 0, 0, 0, r.horizon(), new dev.foresight.agent.LearnerStats(r.learner().criticLoss(),
                r.learner().actorLoss(), r.learner().temperature(), r.learner().entropy(), r.learner().updates(),
                r.learner().imaginedRows(), r.learner().rejectedRows(), r.learner().rolloutLength(), 0))).toList();
    }

    private static List<String> metricsWithoutTimes(Path run) throws IOException {
        return Files.readAllLines(run.resolve(TrainingRun.METRICS_FILE)).stream().map(line -> {
            String[] cells = line.split(",", -1);
            for (int c = 4; c <= 7; c++) {
                cells[c] = "";
            }
            return String.join(",", cells);
        }).toList();
    }

    private static Map<String, String> hashes(Path folder) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                out.put(f.getFileName().toString(),
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
            }
        }
        return out;
    }
}
