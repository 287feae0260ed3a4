package dev.foresight.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.env.EnvSpec;
import dev.foresight.env.physics.PendulumTask;
import dev.foresight.onnx.PolicyExporter;
import dev.foresight.onnx.PolicyMetadata;
import dev.foresight.policy.ActorWeights;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate --policy}: a policy.onnx acts in an environment, timed per action; the wrong kind of file is named. */
class EvaluatePolicyTest {
    @TempDir
    Path dir;

    @Test
    void aPolicyActsAndItsTimeIsReported() throws Exception {
        EnvSpec spec = new PendulumTask().spec(0.05f);
        Path file = dir.resolve("policy.onnx");
        PolicyExporter.export(ActorWeights.random(3, 1, List.of(16), new float[] {-2f}, new float[] {2f},
                ActorWeights.Squash.TANH, 1), PolicyMetadata.of(spec, "random", 0, Map.of()), file);
        ForesightCliTest.Run run = ForesightCliTest.run("evaluate", "--policy", file.toString(), "--env", "pendulum",
                "--episodes", "2", "--seed", "1");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.lastLine().matches("mean_return=-?[0-9.]+ std_return=[0-9.]+ plan_ms_p50=[0-9.]+ act_us_p50=[0-9.]+"),
                run.lastLine());
        ForesightCliTest.Run again = ForesightCliTest.run("evaluate", "--policy", file.toString(), "--env", "pendulum",
                "--episodes", "2", "--seed", "1");
        assertEquals(run.lastLine().split(" ")[0], again.lastLine().split(" ")[0], "the same seed gives the same return");

        ForesightCliTest.Run asModel = ForesightCliTest.run("evaluate", "--model", file.toString(), "--env", "pendulum",
                "--episodes", "1");
        assertEquals(2, asModel.exitCode());
        assertTrue(asModel.err().contains("it is a policy file"), asModel.err());
        ForesightCliTest.Run neither = ForesightCliTest.run("evaluate", "--env", "pendulum");
        assertEquals(2, neither.exitCode());
        assertTrue(neither.err().contains("exactly one of --model"), neither.err());
    }
}
