package dev.foresight.planning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.env.BoxSpace;
import dev.foresight.env.EnvSpec;
import dev.foresight.env.RewardFunction;
import dev.foresight.env.TerminationFunction;
import dev.foresight.model.DynamicsModel;
import dev.foresight.model.ModelEnvironment;
import dev.foresight.model.ModelKind;
import dev.foresight.model.Prediction;
import dev.foresight.model.Propagation;
import dev.foresight.model.SamplingModel;
import dev.foresight.model.ensemble.EnsembleWeights;
import dev.foresight.onnx.ModelMetadata;
import dev.foresight.onnx.OnnxDynamicsModel;
import dev.foresight.onnx.OnnxExporter;
import dev.foresight.util.RandomStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model environment is the one rollout loop: planning through it gives exactly (bit for bit)
 * the scores of the rollout loop it replaced ({@link LegacyModelRollouts}, the old code kept as the
 * oracle), and the drawn futures are exactly the old ones while nothing terminates.
 */
class ModelEnvironmentTest {
    private static final int OBS = 3;
    private static final int ACT = 2;

    @TempDir
    Path dir;

    private OnnxDynamicsModel randomModel(int members) throws Exception {
        Path file = dir.resolve("random-" + members + ".onnx");
        OnnxExporter.export(EnsembleWeights.random(members, OBS, ACT, List.of(32, 32), 17),
                new ModelMetadata("random", List.of("a", "b", "c"), List.of("u", "v"), 0, Map.of()), file);
        return new OnnxDynamicsModel(file, 1, OnnxDynamicsModel.Device.CPU);
    }

    private static final RewardFunction DISTANCE = (obs, action, next, batch, rewards) -> {
        for (int i = 0; i < batch; i++) {
            float a = next[i * OBS];
            float b = next[i * OBS + 1];
            rewards[i] = -(a * a + b * b) - 0.1f * action[i * ACT] * action[i * ACT];
        }
    };

    private static final TerminationFunction FAR = (obs, action, next, batch, terminated) -> {
        for (int i = 0; i < batch; i++) {
            terminated[i] = Math.abs(next[i * OBS + 2]) > 0.4f;
        }
    };

    private static float[] sequences(int population, int horizon, long seed) {
        RandomStream random = new RandomStream(seed);
        float[] out = new float[population * horizon * ACT];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (2 * random.nextDouble() - 1);
        }
        return out;
    }

    @Test
    void planningScoresAreBitIdenticalToTheOldRolloutLoop() throws Exception {
        for (int members : new int[] {5, 3}) {
            try (OnnxDynamicsModel model = randomModel(members)) {
                for (Propagation propagation : Propagation.values()) {
                    for (TerminationFunction termination : List.of(TerminationFunction.NEVER, FAR)) {
                        int horizon = 7;
                        int population = 23; // not a multiple of the members: padded rows
                        SearchSpace space = new SearchSpace(horizon, new float[] {-1f, -1f}, new float[] {1f, 1f});
                        ModelRollouts.Settings settings = new ModelRollouts.Settings(propagation, 4, 0.5f);
                        ModelRollouts now = new ModelRollouts(space, settings, model, List.of(DISTANCE), termination, null,
                                population, new RandomStream(42));
                        LegacyModelRollouts before = new LegacyModelRollouts(space, settings, model, List.of(DISTANCE),
                                termination, population, new RandomStream(42));
                        float[] start = {0.1f, -0.2f, 0.05f};
                        now.setStart(start);
                        before.setStart(start);
                        for (int call = 0; call < 3; call++) { // the random streams must stay in step too
                            int p = call == 1 ? 9 : population;
                            float[] candidates = sequences(p, horizon, call);
                            float[] a = new float[p];
                            float[] b = new float[p];
                            now.evaluate(candidates, p, a);
                            before.evaluate(candidates, p, b);
                            assertArrayEquals(b, a, members + " members, " + propagation + ", " + termination + ", call " + call);
                        }
                    }
                }
            }
        }
    }

    @Test
    void drawnFuturesAreTheOldOnesAndStopWhereTheModelTerminates() throws Exception {
        try (OnnxDynamicsModel model = randomModel(5)) {
            int horizon = 12;
            EnvSpec never = spec(TerminationFunction.NEVER);
            MpcPlanner planner = Planners.create(PlannerConfig.defaults().withHorizon(horizon), never, model, 3);
            float[] start = {0.1f, -0.2f, 0.05f};
            planner.setState(start);
            float[][] sequences = {sequences(1, horizon, 1), sequences(1, horizon, 2)};
            float[][][] drawn = planner.imagine(sequences);
            float[][][] old = oldImagine(model, start, horizon, sequences);
            for (int c = 0; c < sequences.length; c++) {
                for (int m = 0; m < 5; m++) {
                    assertArrayEquals(old[c][m], drawn[c][m], "sequence " + c + " member " + m);
                }
            }
            // Terminate where |c| first exceeds half the largest |c| of one drawn future before its last step.
            float largest = 0;
            for (int t = 0; t < horizon - 1; t++) {
                largest = Math.max(largest, Math.abs(old[0][0][t * OBS + 2]));
            }
            float threshold = largest / 2;
            TerminationFunction far = (obs, action, next, batch, terminated) -> {
                for (int i = 0; i < batch; i++) {
                    terminated[i] = Math.abs(next[i * OBS + 2]) > threshold;
                }
            };
            MpcPlanner terminating = Planners.create(PlannerConfig.defaults().withHorizon(horizon), spec(far), model, 3);
            terminating.setState(start);
            float[][][] cut = terminating.imagine(sequences);
            boolean anyCut = false;
            for (int c = 0; c < sequences.length; c++) {
                for (int m = 0; m < 5; m++) {
                    float[] future = cut[c][m];
                    int steps = future.length / OBS;
                    anyCut |= steps < horizon;
                    for (int t = 0; t < steps; t++) {
                        assertEquals(old[c][m][t * OBS + 2], future[t * OBS + 2], "the same states up to the end");
                        boolean terminal = Math.abs(future[t * OBS + 2]) > threshold;
                        assertEquals(t == steps - 1 && steps < horizon, terminal,
                                "the future ends exactly at its first terminal state (step " + t + ")");
                    }
                }
            }
            assertTrue(anyCut, "the future the threshold was taken from must end early");
            planner.close();
            terminating.close();
        }
    }

    @Test
    void aTerminalValueIsAddedWhereARolloutEnds() throws Exception {
        // Per-step penalty −1 and a fall (termination) after the first step for actions > 0: without
        // a terminal value falling is cheapest (−1 instead of −H); with a penalty of −100 it is not.
        DynamicsModel falls = new DeterministicModel((obs, action, next) -> next[0] = action[0] > 0 ? 1f : 0f);
        RewardFunction minusOne = (obs, action, next, batch, rewards) -> java.util.Arrays.fill(rewards, 0, batch, -1f);
        TerminationFunction fell = (obs, action, next, batch, terminated) -> {
            for (int i = 0; i < batch; i++) {
                terminated[i] = next[i] > 0.5f;
            }
        };
        SearchSpace space = new SearchSpace(5, new float[] {-1f}, new float[] {1f});
        float[] sequences = {1f, 1f, 1f, 1f, 1f, -1f, -1f, -1f, -1f, -1f};
        float[] plain = new float[2];
        new ModelRollouts(space, new ModelRollouts.Settings(Propagation.TS_INF, 1, 0f), falls, List.of(minusOne), fell, null,
                2, new RandomStream(1)).evaluate(sequences, 2, plain);
        assertArrayEquals(new float[] {-1f, -5f}, plain, "rewards stop at termination");
        float[] penalised = new float[2];
        ModelRollouts withValue = new ModelRollouts(space, new ModelRollouts.Settings(Propagation.TS_INF, 1, 0f), falls,
                List.of(minusOne), fell, TerminalValue.constant(-100f), 2, new RandomStream(1));
        withValue.evaluate(sequences, 2, penalised);
        assertArrayEquals(new float[] {-101f, -5f}, penalised, "the fall now costs its terminal value");

        // A value at the horizon: added to rollouts still running there (the one that fell gets none).
        float[] valued = new float[2];
        TerminalValue stateValue = (obs, batch, values) -> {
            for (int i = 0; i < batch; i++) {
                values[i] = 10f + obs[i];
            }
        };
        new ModelRollouts(space, new ModelRollouts.Settings(Propagation.TS_INF, 1, 0f), falls, List.of(minusOne), fell,
                null, stateValue, 2, new RandomStream(1)).evaluate(sequences, 2, valued);
        assertArrayEquals(new float[] {-1f, -5f + 10f}, valued, "only the running rollout is valued at the horizon");
    }

    @Test
    void samplingModelsAndLearnedRewardsStepThroughTheSameEnvironment() {
        SamplingModel counter = new SamplingModel() {
            @Override
            public ModelKind kind() {
                return ModelKind.TABLE;
            }

            @Override
            public int stateDim() {
                return 1;
            }

            @Override
            public int actionDim() {
                return 1;
            }

            @Override
            public boolean predictsReward() {
                return true;
            }

            @Override
            public void sample(float[] states, float[] actions, int n, RandomStream random, float[] next, float[] rewards) {
                for (int i = 0; i < n; i++) {
                    next[i] = states[i] + actions[i];
                    rewards[i] = actions[i] == 1f ? 1f : 0f;
                }
            }

            @Override
            public void close() {
            }
        };
        ModelEnvironment env = new ModelEnvironment(counter, ModelEnvironment.Settings.expectation().withLearnedReward(),
                List.of(), (obs, action, next, batch, terminated) -> {
                    for (int i = 0; i < batch; i++) {
                        terminated[i] = next[i] >= 3f;
                    }
                }, 4, new RandomStream(0));
        env.reset(new float[] {0f, 2f}, 2);
        env.step(new float[] {1f, 1f});
        assertArrayEquals(new float[] {1f, 3f}, java.util.Arrays.copyOf(env.observations(), 2));
        assertArrayEquals(new float[] {1f, 1f}, java.util.Arrays.copyOf(env.rewards(), 2));
        assertTrue(env.done(1) && !env.done(0));
        env.step(new float[] {1f, 1f});
        assertArrayEquals(new float[] {2f, 3f}, java.util.Arrays.copyOf(env.observations(), 2), "a terminated row stays put");
        assertTrue(env.active()[0] && !env.active()[1], "only row 0 was still in play");
        assertThrows(IllegalArgumentException.class, () -> new ModelEnvironment(new DeterministicModel((o, a, n) -> { }),
                ModelEnvironment.Settings.expectation().withLearnedReward(), List.of(), TerminationFunction.NEVER, 1,
                new RandomStream(0)), "a learned reward needs a model that predicts one");
    }

    private static EnvSpec spec(TerminationFunction termination) {
        return new EnvSpec("random", BoxSpace.unbounded("a", "b", "c"), BoxSpace.symmetric(1f, "u", "v"), 100, 0.05f,
                DISTANCE, termination);
    }

    /** The drawing loop of MpcPlanner.imagine before the model environment, verbatim. */
    private static float[][][] oldImagine(DynamicsModel model, float[] state, int horizon, float[]... sequences) {
        int k = sequences.length;
        int e = model.ensembleSize();
        int obsDim = model.obsDim();
        int actionDim = model.actionDim();
        float[][][] trajectory = new float[k][e][horizon * obsDim];
        float[] obs = new float[e * k * obsDim];
        float[] action = new float[e * k * actionDim];
        for (int row = 0; row < e * k; row++) {
            System.arraycopy(state, 0, obs, row * obsDim, obsDim);
        }
        Prediction out = new Prediction(e, k, obsDim);
        for (int t = 0; t < horizon; t++) {
            for (int m = 0; m < e; m++) {
                for (int c = 0; c < k; c++) {
                    System.arraycopy(sequences[c], t * actionDim, action, (m * k + c) * actionDim, actionDim);
                }
            }
            model.predict(obs, action, k, out);
            System.arraycopy(out.nextObsMean(), 0, obs, 0, obs.length);
            for (int m = 0; m < e; m++) {
                for (int c = 0; c < k; c++) {
                    System.arraycopy(obs, (m * k + c) * obsDim, trajectory[c][m], t * obsDim, obsDim);
                }
            }
        }
        return trajectory;
    }
}
