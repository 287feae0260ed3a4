package dev.foresight.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.usertask.SlidingBlockTask;
import dev.foresight.agent.OnPolicyConfig;
import dev.foresight.model.ensemble.EnsembleConfig;
import dev.foresight.onnx.OnnxDynamicsModel;
import dev.foresight.onnx.OnnxPolicy;
import dev.foresight.policy.ppo.PpoConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PPO and SimPLe as runs: the files a run promises, the learner's metrics, and bit-for-bit repeats. */
public class OnPolicyRunTest {
    @TempDir
    Path dir;

    /** Tiny PPO / SimPLe settings for tests. */
    public static OnPolicyConfig small(boolean modelBased, long seed) {
        PpoConfig ppo = new PpoConfig(List.of(16, 16), 1e-3f, 32, 2, 0.99f, 0.95f, 0.2f, 0.5f, 0f, 0.5f, 0f, true, true,
                seed);
        EnsembleConfig ensemble = EnsembleConfig.defaults(seed).withMembers(3, 2).withHiddenSizes(List.of(16)).withMaxEpochs(3);
        return new OnPolicyConfig(ppo, 40, 1, modelBased, ensemble, 1, 16, 5, 2, false, 0f, 10_000, seed);
    }

    private static RunConfig run(AgentKind kind, long seed) {
        RunConfig base = RunConfig.defaults(SlidingBlockTask.class.getName(), kind, 3, seed);
        return new RunConfig(base.env(), kind, 3, seed, null, base.pets(), base.actorCritic(),
                small(kind == AgentKind.SIMPLE, seed));
    }

    @Test
    void simpleWritesItsFilesAndRepeatsBitForBit() throws Exception {
        RunConfig config = run(AgentKind.SIMPLE, 3);
        Path out = dir.resolve("simple");
        TrainingRun.Result result = TrainingRun.run(config, out, RunListener.NONE);
        assertEquals(3, result.rows().size());
        // A round after every episode (the loop learns after reading the episode's stats): the
        // third row shows the first two rounds' 2 iterations × 2 epochs × ⌈16·5 / 32⌉ minibatches.
        assertEquals(2 * 2 * 2 * 3, result.rows().get(2).learner().updates());
        assertEquals(0, result.rows().get(0).learner().imaginedRows(), "no model before the first round");
        assertTrue(result.rows().get(1).learner().imaginedRows() > 0, "the first round imagined rows");
        assertEquals(5, result.rows().get(2).learner().rolloutLength());
        assertTrue(Double.isFinite(result.rows().get(2).learner().criticLoss()));
        assertTrue(result.rows().stream().allMatch(r -> r.trainSeconds() > 0), "rounds count as training time");
        try (OnnxPolicy policy = new OnnxPolicy(out.resolve(ActorCritic.POLICY_FILE))) {
            assertEquals("sliding-block", policy.envName());
            assertEquals("simple", policy.metadata().get("foresight.algorithm"));
        }
        try (OnnxDynamicsModel model = new OnnxDynamicsModel(out.resolve(Pets.MODEL_FILE))) {
            assertEquals("sliding-block", model.envName());
        }
        assertEquals(config, RunConfig.load(out.resolve(TrainingRun.CONFIG_FILE)));

        TrainingRun.Result again = TrainingRun.run(config, dir.resolve("again"), RunListener.NONE);
        assertEquals(result.returns(), again.returns());
        assertEquals(result.rows().get(2).learner().criticLoss(), again.rows().get(2).learner().criticLoss());
    }

    @Test
    void ppoLearnsWhileItActsWithoutAModel() throws Exception {
        Path out = dir.resolve("ppo");
        TrainingRun.Result result = TrainingRun.run(run(AgentKind.PPO, 4), out, RunListener.NONE);
        long steps = result.rows().get(2).envSteps();
        long rollouts = steps / 40;
        assertEquals(rollouts * 2 * 2, result.rows().get(2).learner().updates(), "2 epochs of 2 minibatches per 40 steps");
        assertTrue(result.rows().stream().allMatch(r -> r.learner().imaginedRows() == 0));
        assertTrue(Files.exists(out.resolve(ActorCritic.POLICY_FILE)));
        assertTrue(Files.notExists(out.resolve(Pets.MODEL_FILE)), "model-free PPO writes no dynamics model");
    }

    @Test
    void ppoOverParallelEnvironmentsWritesARowPerEpisodeAndRepeats() throws Exception {
        RunConfig base = run(AgentKind.PPO, 5);
        OnPolicyConfig c = base.onPolicy();
        OnPolicyConfig four = new OnPolicyConfig(c.ppo(), 10, 4, false, c.ensemble(), c.episodesPerRound(),
                c.imaginedEnvs(), c.imaginedHorizon(), c.imaginedIterations(), false, 0f, c.bufferCapacity(), c.seed());
        RunConfig config = new RunConfig(base.env(), AgentKind.PPO, 6, 5, null, base.pets(), base.actorCritic(), four);
        TrainingRun.Result result = TrainingRun.run(config, dir.resolve("four"), RunListener.NONE);
        assertEquals(6, result.rows().size());
        long steps = result.rows().get(5).envSteps();
        assertEquals(0, steps % 4, "env_steps counts all four environments' steps");
        // 2 epochs of ⌈40 / 32⌉ = 2 minibatches per 10 × 4 rollout
        assertEquals(steps / 40 * 2 * 2, result.rows().get(5).learner().updates());
        assertTrue(Files.exists(dir.resolve("four").resolve(ActorCritic.POLICY_FILE)));
        TrainingRun.Result again = TrainingRun.run(config, dir.resolve("again"), RunListener.NONE);
        assertEquals(result.returns(), again.returns());
    }

    @Test
    void aDatasetIsRefusedWithTheReason() {
        RunConfig base = run(AgentKind.PPO, 1);
        RunConfig withData = new RunConfig(base.env(), AgentKind.PPO, 1, 1, "data.npz", base.pets(), base.actorCritic(),
                base.onPolicy());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingRun.run(withData, dir.resolve("data"), RunListener.NONE));
        assertTrue(e.getMessage().contains("takes no dataset"), e.getMessage());
    }
}
