package dev.foresight.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.usertask.SlidingBlockTask;
import dev.foresight.agent.ActorCriticConfig;
import dev.foresight.agent.EpisodeRunner;
import dev.foresight.agent.LearnerStats;
import dev.foresight.agent.PolicyAgent;
import dev.foresight.agent.RandomPolicy;
import dev.foresight.data.NpzFiles;
import dev.foresight.data.ReplayBuffer;
import dev.foresight.env.physics.PhysicsEnvironment;
import dev.foresight.env.physics.PhysicsTasks;
import dev.foresight.model.ensemble.EnsembleConfig;
import dev.foresight.onnx.OnnxDynamicsModel;
import dev.foresight.onnx.OnnxPolicy;
import dev.foresight.policy.sac.SacConfig;
import dev.foresight.util.RandomStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SAC and MBPO as runs: every file a run promises, the learner's metrics, and bit-for-bit repeats. */
public class ActorCriticRunTest {
    @TempDir
    Path dir;

    /** Tiny SAC/MBPO settings for tests. */
    public static ActorCriticConfig small(boolean modelBased, long seed) {
        SacConfig sac = new SacConfig(List.of(16, 16), 1e-3f, 32, 0.99f, 0.005f, 1, true, 0.2f, Float.NaN, seed);
        EnsembleConfig ensemble = EnsembleConfig.defaults(seed).withMembers(3, 2).withHiddenSizes(List.of(16)).withMaxEpochs(3);
        return new ActorCriticConfig(sac, modelBased, ensemble, 60, 2, 50, 4, 50,
                new ActorCriticConfig.RolloutSchedule(0, 2, 1, 3), 1, 0.25f, false, 10_000, seed, 0f, false);
    }

    private static RunConfig run(AgentKind kind, boolean modelBased, long seed) {
        RunConfig base = RunConfig.defaults(SlidingBlockTask.class.getName(), kind, 3, seed);
        return new RunConfig(base.env(), kind, 3, seed, null, base.pets(), small(modelBased, seed));
    }

    @Test
    void mbpoWritesItsFilesAndRepeatsBitForBit() throws Exception {
        RunConfig config = run(AgentKind.MBPO, true, 3);
        Path out = dir.resolve("mbpo");
        TrainingRun.Result result = TrainingRun.run(config, out, RunListener.NONE);
        assertEquals(3, result.rows().size());
        LearnerStats last = result.rows().get(2).learner();
        long stepsLearning = result.rows().get(2).envSteps() - 60 + 1;
        assertEquals(2 * stepsLearning, last.updates(), "G = 2 updates per real step from the 60th (random) one on");
        assertTrue(result.rows().stream().mapToLong(r -> r.learner().imaginedRows()).sum() > 0, "model data was made");
        assertTrue(Double.isFinite(last.criticLoss()) && last.temperature() > 0, last.toString());
        List<String> metrics = Files.readAllLines(out.resolve(TrainingRun.METRICS_FILE));
        assertEquals(EpisodeRow.HEADER, metrics.get(0));
        assertEquals(17, metrics.get(3).split(",", -1).length, metrics.get(3));
        try (OnnxPolicy policy = new OnnxPolicy(out.resolve(ActorCritic.POLICY_FILE))) {
            assertEquals("sliding-block", policy.envName());
            assertEquals("mbpo", policy.metadata().get("foresight.algorithm"));
            assertEquals(Long.toString(result.rows().get(2).envSteps()), policy.metadata().get("foresight.env_steps"));
        }
        try (OnnxDynamicsModel model = new OnnxDynamicsModel(out.resolve(Pets.MODEL_FILE))) {
            assertEquals("sliding-block", model.envName());
        }
        assertEquals(config, RunConfig.load(out.resolve(TrainingRun.CONFIG_FILE)));

        TrainingRun.Result again = TrainingRun.run(config, dir.resolve("again"), RunListener.NONE);
        assertEquals(result.returns(), again.returns());
        assertEquals(last.criticLoss(), again.rows().get(2).learner().criticLoss());
    }

    @Test
    void sacLearnsWithoutAModel() throws Exception {
        Path out = dir.resolve("sac");
        TrainingRun.Result result = TrainingRun.run(run(AgentKind.SAC, false, 4), out, RunListener.NONE);
        assertTrue(result.rows().stream().allMatch(r -> r.learner().imaginedRows() == 0));
        assertTrue(result.rows().get(2).learner().updates() > 0);
        assertTrue(Files.exists(out.resolve(ActorCritic.POLICY_FILE)));
        assertTrue(Files.notExists(out.resolve(Pets.MODEL_FILE)), "model-free SAC writes no dynamics model");
    }

    /** Writes whole random episodes of the sliding block until there are at least 60 rows; returns how many. */
    private static int randomDataset(Path file, long seed) throws Exception {
        try (PhysicsEnvironment environment = PhysicsTasks.environment(SlidingBlockTask.class.getName())) {
            ReplayBuffer buffer = new ReplayBuffer(10_000, environment.spec().obsDim(), environment.spec().actionDim());
            PolicyAgent random = new PolicyAgent(environment.spec(),
                    new RandomPolicy(environment.spec().actionSpace(), new RandomStream(seed)), buffer);
            while (buffer.size() < 60) {
                EpisodeRunner.run(environment, random, buffer.size());
            }
            NpzFiles.save(file, buffer.snapshot());
            return buffer.size();
        }
    }

    @Test
    void withADatasetThePolicyActsAndLearnsFromTheFirstStep() throws Exception {
        Path data = dir.resolve("random.npz");
        randomDataset(data, 3);
        RunConfig base = run(AgentKind.MBPO, true, 5);
        RunConfig config = new RunConfig(base.env(), AgentKind.MBPO, 1, 5, data.toString(), base.pets(), base.actorCritic());
        TrainingRun.Result result = TrainingRun.run(config, dir.resolve("offline-start"), RunListener.NONE);
        LearnerStats first = result.rows().get(0).learner();
        assertEquals(2 * result.rows().get(0).envSteps(), first.updates(), "G = 2 updates on every real step");
        assertTrue(first.imaginedRows() > 0);
    }

    @Test
    void offlineWithThePenaltyLearnsFromTheDatasetAlone() throws Exception {
        Path data = dir.resolve("random.npz");
        int rows = randomDataset(data, 4);
        RunConfig base = run(AgentKind.MBPO, true, 6);
        RunConfig config = new RunConfig(base.env(), AgentKind.MBPO, 2, 6, data.toString(), base.pets(),
                base.actorCritic().withOffline(5f, true));
        Path out = dir.resolve("offline");
        TrainingRun.Result result = TrainingRun.run(config, out, RunListener.NONE);
        assertTrue(result.rows().get(1).learner().updates() > 0);
        try (OnnxDynamicsModel model = new OnnxDynamicsModel(out.resolve(Pets.MODEL_FILE))) {
            assertEquals("1", model.metadata().get("foresight.extra.retraining"), "offline: the model is trained once");
            assertEquals(Integer.toString(rows), model.metadata().get("foresight.training_samples"),
                    "on the dataset alone, none of the real steps");
        }
        assertEquals(config, RunConfig.load(out.resolve(TrainingRun.CONFIG_FILE)));

        RunConfig noData = new RunConfig(base.env(), AgentKind.MBPO, 1, 6, null, base.pets(),
                base.actorCritic().withOffline(1f, true));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TrainingRun.run(noData, dir.resolve("no-data"), RunListener.NONE));
        assertTrue(e.getMessage().contains("offline learning needs a dataset"), e.getMessage());
        IllegalArgumentException sacPenalty = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> small(false, 1).withOffline(1f, true));
        assertTrue(sacPenalty.getMessage().contains("needs modelBased"), sacPenalty.getMessage());
    }

    @Test
    void theRolloutScheduleIsLinearBetweenItsEpochs() {
        ActorCriticConfig.RolloutSchedule schedule = new ActorCriticConfig.RolloutSchedule(20, 100, 1, 25);
        assertEquals(1, schedule.length(0));
        assertEquals(1, schedule.length(20));
        assertEquals(13, schedule.length(60));
        assertEquals(25, schedule.length(100));
        assertEquals(25, schedule.length(500));
        assertEquals(4, new ActorCriticConfig.RolloutSchedule(3, 3, 1, 4).length(3 + 1));
        assertEquals(1, new ActorCriticConfig.RolloutSchedule(3, 3, 1, 4).length(3));
    }
}
