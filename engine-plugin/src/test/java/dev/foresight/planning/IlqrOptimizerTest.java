package dev.foresight.planning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.env.BoxSpace;
import dev.foresight.env.DiscreteSpace;
import dev.foresight.env.EnvSpec;
import dev.foresight.env.RewardFunction;
import dev.foresight.env.TerminationFunction;
import dev.foresight.model.DynamicsModel;
import dev.foresight.model.Prediction;
import dev.foresight.model.Propagation;
import dev.foresight.util.RandomStream;
import dev.foresight.util.SmallMatrices;
import java.util.List;
import org.junit.jupiter.api.Test;

/** iLQR against the closed-form finite-horizon LQR solution, with bounds, and its errors. */
class IlqrOptimizerTest {
    private static final int N = 3;
    private static final int M = 2;
    private static final int HORIZON = 12;
    /** A damped oscillator with a drift term; two inputs. */
    private static final double[] A = {1.0, 0.1, 0.0, -0.2, 0.95, 0.1, 0.0, 0.05, 0.9};
    private static final double[] B = {0.0, 0.05, 0.1, 0.0, 0.02, 0.1};
    private static final double[] Q = {1.0, 0.0, 0.0, 0.0, 0.5, 0.0, 0.0, 0.0, 0.2};
    private static final double[] R = {0.1, 0.0, 0.0, 0.05};
    private static final float[] START = {1.5f, -0.5f, 0.8f};

    /** x' = A·x + B·u, computed in double, one member. */
    static final class LinearModel implements DynamicsModel {
        @Override
        public int obsDim() {
            return N;
        }

        @Override
        public int actionDim() {
            return M;
        }

        @Override
        public int ensembleSize() {
            return 1;
        }

        @Override
        public boolean predictsReward() {
            return false;
        }

        @Override
        public void predict(float[] obs, float[] action, int n, Prediction out) {
            for (int r = 0; r < n; r++) {
                for (int i = 0; i < N; i++) {
                    double s = 0;
                    for (int j = 0; j < N; j++) {
                        s += A[i * N + j] * obs[r * N + j];
                    }
                    for (int j = 0; j < M; j++) {
                        s += B[i * M + j] * action[r * M + j];
                    }
                    out.nextObsMean()[r * N + i] = (float) s;
                    out.nextObsLogVar()[r * N + i] = -100f;
                }
            }
        }

        @Override
        public void close() {
        }
    }

    /** reward = −(x'ᵀQx' + uᵀRu). */
    static final RewardFunction QUADRATIC = (obs, action, next, batch, rewards) -> {
        for (int r = 0; r < batch; r++) {
            rewards[r] = (float) -(form(Q, next, r * N, N) + form(R, action, r * M, M));
        }
    };

    private static double form(double[] w, float[] v, int at, int size) {
        double s = 0;
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                s += v[at + i] * w[i * size + j] * v[at + j];
            }
        }
        return s;
    }

    /** The exact expansion of −reward in z = (x, u, x'). */
    static final CostExpansion EXACT = (obs, action, next, steps, gradient, hessian) -> {
        int d = 2 * N + M;
        java.util.Arrays.fill(gradient, 0, steps * d, 0);
        java.util.Arrays.fill(hessian, 0, steps * d * d, 0);
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < M; i++) {
                for (int j = 0; j < M; j++) {
                    gradient[t * d + N + i] += 2 * R[i * M + j] * action[t * M + j];
                    hessian[t * d * d + (N + i) * d + N + j] = 2 * R[i * M + j];
                }
            }
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < N; j++) {
                    gradient[t * d + N + M + i] += 2 * Q[i * N + j] * next[t * N + j];
                    hessian[t * d * d + (N + M + i) * d + N + M + j] = 2 * Q[i * N + j];
                }
            }
        }
    };

    private static IlqrOptimizer optimizer(SearchSpace space, IlqrOptimizer.Settings settings, CostExpansion cost) {
        ModelRollouts rollouts = new ModelRollouts(space, new ModelRollouts.Settings(Propagation.EXPECTATION, 1, 0f),
                new LinearModel(), List.of(QUADRATIC), TerminationFunction.NEVER, null, settings.population(),
                new RandomStream(1));
        rollouts.setStart(START);
        return new IlqrOptimizer(new PlanningProblem(space, rollouts, QUADRATIC), settings, cost, new RandomStream(2));
    }

    /** The finite-horizon LQR solution by the Riccati recursion, in double: u_t for t < HORIZON. */
    private static double[] riccatiActions() {
        double[][] gains = new double[HORIZON][];
        double[] p = new double[N * N];
        for (int t = HORIZON - 1; t >= 0; t--) {
            double[] s = add(Q, p);
            double[] bts = mul(transpose(B, N, M), M, N, s, N); // Bᵀ S   [M × N]
            double[] h = add(R, mul(bts, M, N, B, M)); // R + BᵀSB [M × M]
            double[] btsa = mul(bts, M, N, A, N); // BᵀSA [M × N]
            double[] l = new double[M * M];
            assertTrue(SmallMatrices.cholesky(h, M, l));
            double[] k = new double[M * N]; // K = H⁻¹ BᵀSA
            for (int j = 0; j < N; j++) {
                double[] col = new double[M];
                for (int i = 0; i < M; i++) {
                    col[i] = btsa[i * N + j];
                }
                SmallMatrices.choleskySolve(l, M, col);
                for (int i = 0; i < M; i++) {
                    k[i * N + j] = col[i];
                }
            }
            gains[t] = k;
            double[] ats = mul(transpose(A, N, N), N, N, s, N);
            double[] atsa = mul(ats, N, N, A, N);
            double[] atsb = mul(ats, N, N, B, M);
            double[] next = new double[N * N];
            double[] reduction = mul(atsb, N, M, k, N);
            for (int i = 0; i < N * N; i++) {
                next[i] = atsa[i] - reduction[i];
            }
            p = next;
        }
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = START[i];
        }
        double[] u = new double[HORIZON * M];
        for (int t = 0; t < HORIZON; t++) {
            double[] nx = new double[N];
            for (int i = 0; i < M; i++) {
                for (int j = 0; j < N; j++) {
                    u[t * M + i] -= gains[t][i * N + j] * x[j];
                }
            }
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < N; j++) {
                    nx[i] += A[i * N + j] * x[j];
                }
                for (int j = 0; j < M; j++) {
                    nx[i] += B[i * M + j] * u[t * M + j];
                }
            }
            x = nx;
        }
        return u;
    }

    private static double[] add(double[] a, double[] b) {
        double[] c = a.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] += b[i];
        }
        return c;
    }

    private static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = a[i * cols + j];
            }
        }
        return t;
    }

    private static double[] mul(double[] a, int rows, int inner, double[] b, int cols) {
        double[] c = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < inner; k++) {
                for (int j = 0; j < cols; j++) {
                    c[i * cols + j] += a[i * inner + k] * b[k * cols + j];
                }
            }
        }
        return c;
    }

    private static double cost(float[] actions) {
        double[] x = {START[0], START[1], START[2]};
        double total = 0;
        for (int t = 0; t < HORIZON; t++) {
            double[] nx = new double[N];
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < N; j++) {
                    nx[i] += A[i * N + j] * x[j];
                }
                for (int j = 0; j < M; j++) {
                    nx[i] += B[i * M + j] * actions[t * M + j];
                }
            }
            x = nx;
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < N; j++) {
                    total += x[i] * Q[i * N + j] * x[j];
                }
            }
            for (int i = 0; i < M; i++) {
                for (int j = 0; j < M; j++) {
                    total += actions[t * M + i] * R[i * M + j] * actions[t * M + j];
                }
            }
        }
        return total;
    }

    @Test
    void solvesTheLqrProblemInOneIteration() {
        SearchSpace space = new SearchSpace(HORIZON, new float[] {-100f, -100f}, new float[] {100f, 100f});
        IlqrOptimizer ilqr = optimizer(space, new IlqrOptimizer.Settings(1, 0, 0f, 0.01f, 0.03f, 0f), EXACT);
        float[] plan = new float[space.length()];
        Optimizer.Result result = ilqr.optimize((s, p, o) -> { }, new float[space.length()], 0, plan);
        assertEquals(1, result.iterations());
        double[] expected = riccatiActions();
        for (int i = 0; i < plan.length; i++) {
            assertEquals(expected[i], plan[i], 1e-4, "u[" + i + "]");
        }
        assertEquals(-cost(plan), result.bestScore(), 1e-3);
    }

    @Test
    void finiteDifferencesOfTheRewardGiveTheSameSolution() {
        SearchSpace space = new SearchSpace(HORIZON, new float[] {-100f, -100f}, new float[] {100f, 100f});
        IlqrOptimizer ilqr = optimizer(space, new IlqrOptimizer.Settings(3, 0, 0f, 0.01f, 0.03f, 0f),
                new RewardExpansion(QUADRATIC, N, space, 0.03));
        float[] plan = new float[space.length()];
        ilqr.optimize((s, p, o) -> { }, new float[space.length()], 0, plan);
        double[] expected = riccatiActions();
        for (int i = 0; i < plan.length; i++) {
            assertEquals(expected[i], plan[i], 2e-3, "u[" + i + "]");
        }
    }

    @Test
    void respectsTheActionBoundsAndBeatsClippingTheUnboundedSolution() {
        float limit = 1.5f;
        double[] free = riccatiActions();
        float[] clipped = new float[free.length];
        boolean binds = false;
        for (int i = 0; i < free.length; i++) {
            clipped[i] = (float) Math.max(-limit, Math.min(limit, free[i]));
            binds |= Math.abs(free[i]) > limit;
        }
        assertTrue(binds, "the unbounded LQR solution must exceed the bound for this test to mean anything");
        SearchSpace space = new SearchSpace(HORIZON, new float[] {-limit, -limit}, new float[] {limit, limit});
        IlqrOptimizer ilqr = optimizer(space, new IlqrOptimizer.Settings(10, 0, 0f, 0.01f, 0.03f, 1e-9f), EXACT);
        float[] plan = new float[space.length()];
        ilqr.optimize((s, p, o) -> { }, new float[space.length()], 0, plan);
        int atBound = 0;
        for (float u : plan) {
            assertTrue(u >= -limit && u <= limit, "action " + u + " outside ±" + limit);
            atBound += Math.abs(Math.abs(u) - limit) < 1e-6 ? 1 : 0;
        }
        assertTrue(atBound > 0, "some action should sit on the bound");
        assertTrue(cost(plan) < cost(clipped) - 1e-4, "iLQR " + cost(plan) + " vs clipped LQR " + cost(clipped));
    }

    @Test
    void isDeterministicForASeedAndWarmStartsFromSamples() {
        SearchSpace space = new SearchSpace(HORIZON, new float[] {-1f, -1f}, new float[] {1f, 1f});
        float[] first = new float[space.length()];
        float[] second = new float[space.length()];
        IlqrOptimizer.Settings settings = new IlqrOptimizer.Settings(2, 7, 0.5f, 0.01f, 0.03f, 1e-4f);
        optimizer(space, settings, EXACT).optimize((s, p, o) -> { }, new float[space.length()], 0, first);
        optimizer(space, settings, EXACT).optimize((s, p, o) -> { }, new float[space.length()], 0, second);
        assertArrayEquals(first, second);
    }

    @Test
    void discreteActionsAndAddOnsItDoesNotUseAreRefusedByName() {
        IlqrOptimizer.Settings settings = IlqrOptimizer.Settings.defaults();
        PlannerConfig config = PlannerConfig.ilqr();
        EnvSpec discrete = new EnvSpec("maze", BoxSpace.unbounded("x", "y", "z"), DiscreteSpace.of("move", 4), 10, 0.1f,
                QUADRATIC, TerminationFunction.NEVER);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Planners.create(config, discrete, new LinearModel(), 1));
        assertTrue(e.getMessage().contains("iLQR") && e.getMessage().contains("continuous"), e.getMessage());
        EnvSpec box = new EnvSpec("linear", BoxSpace.unbounded("x", "y", "z"), BoxSpace.symmetric(1f, "a", "b"), 10, 0.1f,
                QUADRATIC, TerminationFunction.NEVER);
        e = assertThrows(IllegalArgumentException.class, () -> Planners.builder(config, box, new LinearModel(), 1)
                .optHorizonValue((obs, rows, out) -> { }).build());
        assertTrue(e.getMessage().contains("iLQR"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new IlqrOptimizer.Settings(0, 0, 0f, 0.01f, 0.03f, 0f));
        assertEquals(16, settings.population());
        assertEquals(OptimizerKind.ILQR, OptimizerKind.parse("iLQR"));
    }
}
