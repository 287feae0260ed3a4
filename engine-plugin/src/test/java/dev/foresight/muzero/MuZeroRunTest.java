package dev.foresight.muzero;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.algorithm.AgentKind;
import dev.foresight.algorithm.Environments;
import dev.foresight.algorithm.RunConfig;
import dev.foresight.algorithm.RunListener;
import dev.foresight.algorithm.TrainingRun;
import dev.foresight.onnx.MuZeroExporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --agent muzero} as a run: its files, its settings kept, and the same seed the same run. */
public class MuZeroRunTest {
    @TempDir
    Path dir;

    /** @return small settings for fast tests (PUCT root, 0.2 updates per step) */
    public static MuZeroConfig small(long seed) {
        return new MuZeroConfig(List.of(32), 8, 3, 5, 0.95f, 8, 1.25f, 1f, 0.25f, 0.25f, false, 4, 1f, 1000, 0.25f, 32,
                3e-3f, 0.25f, 0.2f, 0, 20, 10_000, seed);
    }

    static RunConfig run(String env, int episodes, long seed) {
        RunConfig base = RunConfig.defaults(env, AgentKind.MUZERO, episodes, seed);
        return new RunConfig(env, AgentKind.MUZERO, episodes, seed, null, base.pets(), base.actorCritic(),
                base.onPolicy(), base.dyna(), base.mcts(), small(seed));
    }

    @Test
    void aMazeRunWritesItsNetworksAndTheSameSeedRepeatsIt() throws Exception {
        RunConfig config = run("dyna-maze", 3, 4);
        TrainingRun.Options apart = new TrainingRun.Options(0, true);
        TrainingRun.Result a = TrainingRun.run(config, dir.resolve("a"), RunListener.NONE, apart);
        TrainingRun.Result b = TrainingRun.run(config, dir.resolve("b"), RunListener.NONE, apart);
        assertEquals(3, a.rows().size());
        assertTrue(a.rows().stream().allMatch(r -> r.episodeReturn() == 1.0), "every maze episode ends at the goal");
        assertTrue(a.rows().get(2).learner().updates() > 0, "the networks were trained: " + a.rows().get(2).learner());
        for (String file : new String[] {TrainingRun.METRICS_FILE, MuZeroExporter.REPRESENTATION, MuZeroExporter.DYNAMICS,
                MuZeroExporter.PREDICTION}) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(file)),
                    Files.readAllBytes(dir.resolve("b").resolve(file)), file + " differs between two runs of one seed");
        }
        assertEquals(small(4), RunConfig.load(dir.resolve("a").resolve(TrainingRun.CONFIG_FILE)).muzero(),
                "the settings are kept in config.json");
    }

    @Test
    void continuousActionsAreRefusedWithAPointerToTheDiscreteTask() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AgentKind.MUZERO.algorithm().checkSupports(Environments.spec("cartpole")));
        assertTrue(e.getMessage().contains("discrete"), e.getMessage());
    }
}
