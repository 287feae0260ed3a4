package dev.foresight.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.onnx.OnnxDynamicsModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train, evaluate and bench-plan end to end on tiny budgets. */
class TrainCommandTest {
    @TempDir
    Path dir;

    private static final String[] SMALL = {"--hidden", "16,16", "--horizon", "5", "--population", "20", "--iterations", "2",
            "--particles", "5"};

    private static String[] args(String[] head, String... tail) {
        String[] all = new String[head.length + SMALL.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(SMALL, 0, all, head.length, SMALL.length);
        System.arraycopy(tail, 0, all, head.length + SMALL.length, tail.length);
        return all;
    }

    @Test
    void petsTrainsWritesItsFilesAndTheModelEvaluates() throws Exception {
        Path out = dir.resolve("pets");
        ForesightCliTest.Run run = ForesightCliTest.run(args(new String[] {"train", "--env", "pendulum", "--agent", "pets",
                "--episodes", "2", "--seed", "3", "--out", out.toString()}));
        assertEquals(0, run.exitCode(), run.err() + run.out());
        List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(dev.foresight.algorithm.EpisodeRow.HEADER, metrics.get(0));
        assertEquals(3, metrics.size());
        String[] second = metrics.get(2).split(",", -1);
        assertEquals("2", second[0]);
        assertEquals("400", second[1]);
        assertTrue(!second[4].isEmpty() && Double.parseDouble(second[4]) > 0, "episode 2 planned: " + metrics.get(2));
        assertTrue(Files.size(out.resolve("learning_curve.png")) > 1000);
        assertTrue(Files.readString(out.resolve("config.json")).contains("\"horizon\": 5"));
        try (OnnxDynamicsModel model = new OnnxDynamicsModel(out.resolve("dynamics.onnx"))) {
            assertEquals("pendulum", model.envName());
            assertEquals("400", model.metadata().get("foresight.training_samples"));
        }

        ForesightCliTest.Run evaluate = ForesightCliTest.run("evaluate", "--model", out.resolve("dynamics.onnx").toString(),
                "--env", "pendulum", "--episodes", "1", "--seed", "100", "--config", out.resolve("config.json").toString());
        assertEquals(0, evaluate.exitCode(), evaluate.err());
        assertTrue(evaluate.lastLine().matches("mean_return=-?[0-9.]+ std_return=[0-9.]+ plan_ms_p50=[0-9.]+"), evaluate.lastLine());

        ForesightCliTest.Run wrongEnv = ForesightCliTest.run("evaluate", "--model", out.resolve("dynamics.onnx").toString(),
                "--env", "cartpole", "--episodes", "1");
        assertEquals(2, wrongEnv.exitCode());
        assertTrue(wrongEnv.err().contains("obs size 3") && wrongEnv.err().contains("obs size 5"), wrongEnv.err());
    }

    @Test
    void repeatingARunFromItsConfigGivesTheSameCurve() throws Exception {
        Path first = dir.resolve("first");
        Path again = dir.resolve("again");
        assertEquals(0, ForesightCliTest.run(args(new String[] {"train", "--env", "ball", "--agent", "pets", "--episodes", "2",
                "--seed", "5", "--out", first.toString()})).exitCode());
        assertEquals(0, ForesightCliTest.run("train", "--config", first.resolve("config.json").toString(), "--out",
                again.toString()).exitCode());
        assertEquals(returns(first), returns(again));
    }

    @Test
    void randomAgentAndOfflineStart() throws Exception {
        Path random = dir.resolve("random");
        ForesightCliTest.Run run = ForesightCliTest.run("train", "--env", "ball", "--agent", "random", "--episodes", "2",
                "--seed", "1", "--out", random.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(3, Files.readAllLines(random.resolve("metrics.csv")).size());

        Path model = dir.resolve("model");
        assertEquals(0, ForesightCliTest.run("train-model", "--env", "ball", "--episodes", "2", "--seed", "1", "--out",
                model.toString(), "--hidden", "16", "--max-epochs", "2").exitCode());
        Path offline = dir.resolve("offline");
        ForesightCliTest.Run fromData = ForesightCliTest.run(args(new String[] {"train", "--env", "ball", "--episodes", "1",
                "--seed", "2", "--out", offline.toString(), "--dataset", model.resolve("data.npz").toString()}));
        assertEquals(0, fromData.exitCode(), fromData.err());
        assertTrue(fromData.out().contains("loaded 400 transitions"), fromData.out());
        String row = Files.readAllLines(offline.resolve("metrics.csv")).get(1);
        assertTrue(!row.split(",", -1)[4].isEmpty(), "the first episode already plans: " + row);
    }

    @Test
    void aUserTaskTrainsAndRollsOutFromTheCommandLineByClassName() throws Exception {
        String task = "com.example.usertask.SlidingBlockTask";
        Path out = dir.resolve("user");
        ForesightCliTest.Run run = ForesightCliTest.run("train", "--env", task, "--agent", "pets", "--episodes", "2", "--seed",
                "1", "--out", out.toString(), "--hidden", "16", "--horizon", "5", "--population", "20", "--iterations", "1",
                "--particles", "1");
        assertEquals(0, run.exitCode(), run.err() + run.out());
        List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(3, metrics.size());
        assertEquals("5", metrics.get(2).split(",", -1)[8], "episode 2 planned with horizon 5: " + metrics.get(2));
        assertTrue(Files.readString(out.resolve("config.json")).contains(task));
        ForesightCliTest.Run rollout = ForesightCliTest.run("rollout", "--env", task, "--steps", "50", "--seed", "2");
        assertEquals(0, rollout.exitCode(), rollout.err());
        assertTrue(rollout.lastLine().startsWith("steps=50 "), rollout.lastLine());
    }

    @Test
    void anUnknownEnvironmentIsRefusedBeforeAnythingIsWritten() {
        Path out = dir.resolve("unknown");
        ForesightCliTest.Run run = ForesightCliTest.run("train", "--env", "no-such-env", "--out", out.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("unknown environment 'no-such-env'") && run.err().contains("pendulum"), run.err());
        assertTrue(!Files.exists(out.resolve("config.json")), "no config.json for a run that cannot start");
    }

    @Test
    void benchPlanReportsTheRatio() {
        ForesightCliTest.Run run = ForesightCliTest.run("bench-plan", "--config", "realtime", "--calls", "2", "--threads", "1");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.lastLine().matches("config=realtime threads=1 plan_ms_p50=[0-9.]+ plan_ms_p99=[0-9.]+"
                + " model_rows_per_s=[0-9]+ ort_forward_rows_per_s=[0-9]+ ratio=[0-9.]+"), run.lastLine());
    }

    private static List<String> returns(Path out) throws Exception {
        return Files.readAllLines(out.resolve("metrics.csv")).stream().skip(1).map(l -> l.split(",")[2]).toList();
    }
}
