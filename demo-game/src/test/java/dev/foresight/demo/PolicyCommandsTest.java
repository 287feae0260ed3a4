package dev.foresight.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.algorithm.ActorCriticRunTest;
import dev.foresight.algorithm.AgentKind;
import dev.foresight.algorithm.RunConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train --agent mbpo|sac, evaluate --policy and compare, end to end on tiny budgets. */
class PolicyCommandsTest {
    @TempDir
    Path dir;

    private Path config(AgentKind kind, boolean modelBased, long seed) throws Exception {
        RunConfig base = RunConfig.defaults("pendulum", kind, 2, seed);
        Path file = dir.resolve(kind.id() + seed + ".json");
        new RunConfig("pendulum", kind, 2, seed, null, base.pets(), ActorCriticRunTest.small(modelBased, seed)).save(file);
        return file;
    }

    @Test
    void mbpoAndSacTrainTheirPoliciesRunAndCompare() throws Exception {
        Path mbpo = dir.resolve("mbpo");
        ForesightCliTest.Run train = ForesightCliTest.run("train", "--config", config(AgentKind.MBPO, true, 1).toString(),
                "--out", mbpo.toString());
        assertEquals(0, train.exitCode(), train.err() + train.out());
        assertTrue(train.out().contains("(policy; "), train.out());
        for (String file : new String[] {"metrics.csv", "learning_curve.png", "config.json", "policy.onnx", "dynamics.onnx"}) {
            assertTrue(Files.size(mbpo.resolve(file)) > 0, file);
        }
        ForesightCliTest.Run evaluate = ForesightCliTest.run("evaluate", "--policy", mbpo.resolve("policy.onnx").toString(),
                "--env", "pendulum", "--episodes", "1", "--seed", "100");
        assertEquals(0, evaluate.exitCode(), evaluate.err());
        assertTrue(evaluate.lastLine().matches("mean_return=-?[0-9.]+ std_return=[0-9.]+ plan_ms_p50=[0-9.]+ act_us_p50=[0-9.]+"),
                evaluate.lastLine());

        Path sac = dir.resolve("sac");
        ForesightCliTest.Run sacRun = ForesightCliTest.run("train", "--config", config(AgentKind.SAC, false, 2).toString(),
                "--out", sac.toString(), "--updates-per-step", "2");
        assertEquals(0, sacRun.exitCode(), sacRun.err());
        assertTrue(Files.readString(sac.resolve("config.json")).contains("\"updatesPerStep\": 2"));
        assertTrue(Files.notExists(sac.resolve("dynamics.onnx")));

        Path png = dir.resolve("compare.png");
        ForesightCliTest.Run compare = ForesightCliTest.run("compare", mbpo.toString(), sac.toString(), "--out", png.toString());
        assertEquals(0, compare.exitCode(), compare.err());
        assertTrue(compare.out().contains("mbpo on pendulum: runs=1 final_env_steps=400"), compare.out());
        assertTrue(compare.out().contains("sac on pendulum: runs=1"), compare.out());
        assertTrue(Files.size(png) > 1000);

        ForesightCliTest.Run notARun = ForesightCliTest.run("compare", dir.toString(), "--out", png.toString());
        assertTrue(notARun.exitCode() != 0, "a folder without metrics.csv is refused");
        assertTrue(notARun.err().contains("is not a run folder"), notARun.err());
    }
}
