package dev.foresight.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.usertask.SlidingBlockTask;
import dev.foresight.agent.PetsConfig;
import dev.foresight.model.Propagation;
import dev.foresight.model.ensemble.EnsembleConfig;
import dev.foresight.onnx.OnnxDynamicsModel;
import dev.foresight.planning.CemOptimizer;
import dev.foresight.planning.PlannerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library's experiment loop runs any PhysicsTask — here a user's class outside dev.foresight. */
class TrainingRunTest {
    @TempDir
    Path dir;

    static PetsConfig smallPets(long seed, int randomEpisodes) {
        EnsembleConfig ensemble = EnsembleConfig.defaults(seed).withMembers(2, 2).withHiddenSizes(List.of(16)).withMaxEpochs(5);
        PlannerConfig planner = new PlannerConfig(8, CemOptimizer.Settings.of(40, 4, 2), Propagation.TS_INF, 2, 0f);
        return new PetsConfig(randomEpisodes, ensemble, planner, 10_000, seed, null);
    }

    @Test
    void aUserTaskTrainsWithPetsByClassName() throws Exception {
        RunConfig config = new RunConfig(SlidingBlockTask.class.getName(), AgentKind.PETS, 3, 4, null, smallPets(4, 2));
        Path out = dir.resolve("pets");
        TrainingRun.Result result = TrainingRun.run(config, out, RunListener.NONE);
        assertEquals(3, result.rows().size());
        assertEquals(0, result.rows().get(0).horizon(), "episode 1 explores");
        assertEquals(0, result.rows().get(1).horizon(), "randomEpisodes = 2: episode 2 explores too");
        assertEquals(8, result.rows().get(2).horizon(), "episode 3 plans");
        assertTrue(result.rows().get(1).trainSeconds() > 0, "the model is first trained after episode 2");
        assertEquals(0.0, result.rows().get(0).trainSeconds(), "not after episode 1");
        List<String> metrics = Files.readAllLines(out.resolve(TrainingRun.METRICS_FILE));
        assertEquals(EpisodeRow.HEADER, metrics.get(0));
        assertEquals(4, metrics.size());
        try (OnnxDynamicsModel model = new OnnxDynamicsModel(out.resolve(Pets.MODEL_FILE))) {
            assertEquals("sliding-block", model.envName());
        }
        assertEquals(config, RunConfig.load(out.resolve(TrainingRun.CONFIG_FILE)));
    }

    @Test
    void petsPlansOnATerminatingTask() throws Exception {
        // cartpole-balance ends when the pole falls: the planner scores imagined rollouts only until
        // the model predicts that, and every episode here ends by termination long before 500 steps.
        RunConfig config = new RunConfig("cartpole-balance", AgentKind.PETS, 3, 2, null, smallPets(2, 1));
        TrainingRun.Result result = TrainingRun.run(config, dir.resolve("balance"), RunListener.NONE);
        long previous = 0;
        for (EpisodeRow row : result.rows()) {
            long length = row.envSteps() - previous;
            previous = row.envSteps();
            assertTrue(length > 0 && length < 500, "episode " + row.episode() + " lasted " + length + " steps");
            assertEquals(length, row.episodeReturn(), 1e-3, "+1 per step until the pole falls");
        }
        assertEquals(8, result.rows().get(2).horizon(), "episode 3 plans");
    }

    @Test
    void mctsLearnsAnEnsembleOnADiscreteTaskAndPlansWithIt() throws Exception {
        dev.foresight.search.MctsConfig search = new dev.foresight.search.MctsConfig(16, 8, 0.95f, 1f, false, 5, 2, 0f, 3);
        RunConfig base = RunConfig.defaults("cartpole-discrete", AgentKind.MCTS, 2, 3);
        RunConfig config = new RunConfig("cartpole-discrete", AgentKind.MCTS, 2, 3, null, smallPets(3, 1),
                base.actorCritic(), base.onPolicy(), base.dyna(), search);
        Path out = dir.resolve("mcts");
        TrainingRun.Result result = TrainingRun.run(config, out, RunListener.NONE);
        assertEquals(2, result.rows().size());
        assertTrue(Double.isNaN(result.rows().get(0).planMillisP50()), "episode 1 explores");
        assertTrue(result.rows().get(1).planMillisP50() > 0, "episode 2 searches every step");
        assertTrue(Files.isRegularFile(out.resolve("dynamics.onnx")), "the ensemble is exported");
        RunConfig saved = RunConfig.load(out.resolve("config.json"));
        assertEquals(search, saved.mcts(), "the search settings are kept in config.json");
    }

    @Test
    void theSameSeedRepeatsARunAndTheRandomBaselineNeverLearns() throws Exception {
        RunConfig config = new RunConfig(SlidingBlockTask.class.getName(), AgentKind.RANDOM, 2, 9, null, smallPets(9, 1));
        TrainingRun.Result a = TrainingRun.run(config, dir.resolve("a"), RunListener.NONE);
        TrainingRun.Result b = TrainingRun.run(config, dir.resolve("b"), RunListener.NONE);
        assertEquals(a.returns(), b.returns());
        assertTrue(a.rows().stream().allMatch(r -> r.trainSeconds() == 0 && r.horizon() == 0));
    }

    @Test
    void anUnknownEnvironmentWritesNothing() {
        Path out = dir.resolve("nothing");
        RunConfig config = new RunConfig("com.example.NoSuchTask", AgentKind.RANDOM, 1, 1, null, smallPets(1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingRun.run(config, out, RunListener.NONE));
        assertTrue(e.getMessage().contains("no such class") && e.getMessage().contains("pendulum"), e.getMessage());
        assertFalse(Files.exists(out));
        IllegalArgumentException notATask = assertThrows(IllegalArgumentException.class,
                () -> new RunConfig("java.lang.String", AgentKind.RANDOM, 1, 1, null, smallPets(1, 1)).validate());
        assertTrue(notATask.getMessage().contains("is not a dev.foresight.env.physics.PhysicsTask"), notATask.getMessage());
    }
}
