package dev.foresight.planning;

import dev.foresight.checkpoint.RandomStreamOwner;
import dev.foresight.env.TerminationFunction;
import dev.foresight.model.DynamicsModel;
import dev.foresight.model.ModelEnvironment;
import dev.foresight.util.Gaussians;
import dev.foresight.util.RandomStream;
import dev.foresight.util.SmallMatrices;
import java.util.Arrays;
import java.util.List;

/**
 * Iterative LQR (Li &amp; Todorov 2004) with the refinements of Tassa, Erez &amp; Todorov 2012
 * (Levenberg–Marquardt regularisation of the value Hessian, backtracking line search on the
 * forward pass) and box-constrained controls (Tassa, Mansard &amp; Todorov 2014: a projected-Newton
 * QP per step, {@link BoxQp}), on the mean prediction of the learned ensemble, with the task's
 * reward as the cost.
 *
 * <p>One optimisation: (1) roll out the warm start, {@code samples} Gaussian perturbations of it
 * and any seeds (a policy's plans) — the sampling warm start of MuJoCo MPC's sample-gradient
 * planner — and keep the cheapest as the nominal trajectory; then per iteration (2) linearise the
 * model along it by central finite differences, every time step and every perturbation as the
 * rows of ONE batched model call ({@code horizon × 2(obsDim + actionDim)} rows), (3) expand the
 * cost to second order ({@link CostExpansion}; the Hessian projected onto the PSD cone and chained
 * through the linearised dynamics, a Gauss–Newton approximation), (4) run the backward pass, and
 * (5) roll the new feedback policy out for eight step sizes at once (one model call per time step)
 * and keep the best if it lowers the cost. Model calls per optimisation:
 * {@code horizon + iterations × (horizon + 1)}. Termination is ignored: iLQR plans as if the
 * episode went on to the horizon.
 *
 * <p>Anytime: the first iteration always runs; another starts only if it fits the deadline.
 * Deterministic for a given seed. Not thread-safe.
 */
public final class IlqrOptimizer implements Optimizer, RandomStreamOwner {
    /**
     * @param iterations most iLQR iterations per plan (&ge;1; fewer when converged)
     * @param samples Gaussian perturbations of the warm start rolled out with it to pick the
     *                nominal trajectory (&ge;0)
     * @param sigma their standard deviation as a fraction of each action's half-range (&ge;0)
     * @param jacobianStep finite-difference step of the model's Jacobians, observation units;
     *                     actions use it times their half-range (&gt;0)
     * @param costStep finite-difference step of the cost expansion, likewise (&gt;0)
     * @param tolerance stop when an iteration lowers the cost by less than this fraction of it (&ge;0)
     */
    public record Settings(int iterations, int samples, float sigma, float jacobianStep, float costStep,
                           float tolerance) implements OptimizerSettings {
        public Settings {
            if (iterations < 1 || samples < 0 || !(sigma >= 0) || !(jacobianStep > 0) || !(costStep > 0)
                    || !(tolerance >= 0)) {
                throw new IllegalArgumentException("bad iLQR settings: " + iterations + " iterations, " + samples
                        + " samples, sigma " + sigma + ", jacobian step " + jacobianStep + ", cost step " + costStep
                        + ", tolerance " + tolerance);
            }
        }

        /** Three iterations after a warm start chosen among itself and 15 perturbations (σ 0.3). */
        public static Settings defaults() {
            return new Settings(3, 15, 0.3f, 0.01f, 0.03f, 1e-4f);
        }

        @Override
        public OptimizerKind kind() {
            return OptimizerKind.ILQR;
        }

        /** @return the candidates of the sampling warm start, {@code 1 + samples} */
        @Override
        public int population() {
            return 1 + samples;
        }

        /** @param population the candidates of the warm start (&ge;1): {@code population − 1} samples */
        @Override
        public Settings withPopulation(int population) {
            return new Settings(iterations, population - 1, sigma, jacobianStep, costStep, tolerance);
        }

        @Override
        public Settings withIterations(int newIterations) {
            return new Settings(newIterations, samples, sigma, jacobianStep, costStep, tolerance);
        }

        @Override
        public Optimizer create(PlanningProblem problem, RandomStream random) {
            return new IlqrOptimizer(problem, this, new RewardExpansion(problem.reward(),
                    problem.rollouts().model().obsDim(), problem.space(), costStep), random);
        }
    }

    /** The step sizes tried in each forward pass, all in one batch (Tassa 2012 uses 10^[0…−3]). */
    private static final float[] ALPHAS = {1f, 0.5f, 0.25f, 0.1f, 0.05f, 0.02f, 0.005f, 0.001f};
    private static final double MU_MIN = 1e-6;
    private static final double MU_MAX = 1e10;
    private static final double MU_FACTOR = 2;

    private final SearchSpace space;
    private final Settings settings;
    private final PlanningProblem problem;
    private final CostExpansion expansion;
    private final RandomStream random;
    private final int n;
    private final int m;
    private final int horizon;
    private final int d;
    private final SeedCandidates seeds;
    private ModelEnvironment model;
    private DynamicsModel modelInUse;

    private final float[] start;
    private final float[] xs;
    private final float[] nextStates;
    private final float[] us;
    private double cost;
    private final float[] candidates;
    private final float[] candidateStates;
    private final double[] candidateCosts;
    private final float[] noise;

    private final float[] jacobianStarts;
    private final float[] jacobianActions;
    private final double[] stepSize;
    private final double[] fx;
    private final double[] fu;
    private final double[] gradient;
    private final double[] hessian;
    private final double[] lx;
    private final double[] lu;
    private final double[] lxx;
    private final double[] luu;
    private final double[] lux;
    private final double[] k;
    private final double[] gains;
    private final double[] psdScratch;
    private final double[] stacked;

    private final BoxQp qp;
    private final double[] vx;
    private final double[] vxx;
    private final double[] qx;
    private final double[] qu;
    private final double[] qxx;
    private final double[] quu;
    private final double[] quuReg;
    private final double[] qux;
    private final double[] quxReg;
    private final double[] vReg;
    private final double[] lower;
    private final double[] upper;
    private final double[] kt;
    private final double[] column;
    private final double[] scratch;
    private double expectedLinear;
    private double expectedQuadratic;

    /**
     * @param problem the bounds, the objective's model and start, the reward (not null)
     * @param settings iLQR settings (not null)
     * @param expansion the cost expansion (not null), e.g. {@link RewardExpansion}
     * @param random the stream of the sampling warm start (not null)
     */
    public IlqrOptimizer(PlanningProblem problem, Settings settings, CostExpansion expansion, RandomStream random) {
        this.space = problem.space();
        this.settings = settings;
        this.problem = problem;
        this.expansion = expansion;
        this.random = random;
        this.n = problem.rollouts().model().obsDim();
        this.m = space.actionDim();
        this.horizon = space.horizon();
        this.d = 2 * n + m;
        int length = space.length();
        int population = settings.population();
        this.seeds = new SeedCandidates(length, population);
        this.start = new float[n];
        this.xs = new float[(horizon + 1) * n];
        this.us = new float[length];
        this.nextStates = new float[horizon * n];
        this.candidates = new float[Math.max(population, ALPHAS.length) * length];
        this.candidateStates = new float[Math.max(population, ALPHAS.length) * (horizon + 1) * n];
        this.candidateCosts = new double[Math.max(population, ALPHAS.length)];
        this.noise = new float[population * length];
        int jacobianRows = horizon * 2 * (n + m);
        this.jacobianStarts = new float[jacobianRows * n];
        this.jacobianActions = new float[jacobianRows * m];
        this.stepSize = new double[n + m];
        for (int i = 0; i < n + m; i++) {
            stepSize[i] = i < n ? settings.jacobianStep()
                    : settings.jacobianStep() * 0.5 * (space.high()[i - n] - space.low()[i - n]);
        }
        this.fx = new double[horizon * n * n];
        this.fu = new double[horizon * n * m];
        this.gradient = new double[horizon * d];
        this.hessian = new double[horizon * d * d];
        this.lx = new double[horizon * n];
        this.lu = new double[horizon * m];
        this.lxx = new double[horizon * n * n];
        this.luu = new double[horizon * m * m];
        this.lux = new double[horizon * m * n];
        this.k = new double[horizon * m];
        this.gains = new double[horizon * m * n];
        this.psdScratch = new double[2 * d * d];
        this.stacked = new double[d * (n + m)];
        this.qp = new BoxQp(m);
        this.vx = new double[n];
        this.vxx = new double[n * n];
        this.qx = new double[n];
        this.qu = new double[m];
        this.qxx = new double[n * n];
        this.quu = new double[m * m];
        this.quuReg = new double[m * m];
        this.qux = new double[m * n];
        this.quxReg = new double[m * n];
        this.vReg = new double[n * n];
        this.lower = new double[m];
        this.upper = new double[m];
        this.kt = new double[m];
        this.column = new double[Math.max(m, n)];
        this.scratch = new double[Math.max(m, n)];
    }

    @Override
    public void setSeeds(float[] sequences, int count) {
        seeds.set(sequences, count);
    }

    @Override
    public int population() {
        return settings.population();
    }

    /**
     * @param objective not called: iLQR scores with the mean model and the reward itself
     * @return the best sequence's predicted return under the mean model (not the objective's score)
     */
    @Override
    public Result optimize(SequenceObjective objective, float[] initialMean, long deadlineNanos, float[] best) {
        bindModel();
        System.arraycopy(problem.rollouts().start(), 0, start, 0, n);
        int length = space.length();
        if (!chooseNominal(initialMean)) {
            System.arraycopy(initialMean, 0, best, 0, length);
            return new Result(Float.NEGATIVE_INFINITY, 0);
        }
        Arrays.fill(k, 0);
        double mu = 0;
        double muFactor = 1;
        IterationClock clock = new IterationClock(deadlineNanos);
        int iteration = 0;
        while (iteration < settings.iterations()) {
            clock.iterationStarted();
            iteration++;
            linearise();
            expandCost();
            boolean solved = false;
            while (!solved) {
                solved = backward(mu);
                if (!solved) {
                    muFactor = Math.max(MU_FACTOR, muFactor * MU_FACTOR);
                    mu = Math.max(MU_MIN, mu * muFactor);
                    if (mu > MU_MAX) {
                        break;
                    }
                }
            }
            if (!solved || expectedLinear > -1e-12 * (1 + Math.abs(cost))) {
                break; // the model cannot be regularised, or no descent direction is left: converged
            }
            double previous = cost;
            if (lineSearch()) {
                muFactor = Math.min(1 / MU_FACTOR, muFactor / MU_FACTOR);
                mu = mu * muFactor > MU_MIN ? mu * muFactor : 0;
                if (previous - cost < settings.tolerance() * Math.abs(previous)) {
                    break;
                }
            } else {
                muFactor = Math.max(MU_FACTOR, muFactor * MU_FACTOR);
                mu = Math.max(MU_MIN, mu * muFactor);
                if (mu > MU_MAX) {
                    break;
                }
            }
            if (!clock.anotherFits()) {
                break;
            }
        }
        System.arraycopy(us, 0, best, 0, length);
        return new Result((float) -cost, iteration);
    }

    /** Points the model environment at the objective's current model (it may have been swapped). */
    private void bindModel() {
        DynamicsModel current = problem.rollouts().model();
        if (current.obsDim() != n || current.actionDim() != m) {
            throw new IllegalArgumentException("iLQR was built for obs/action sizes " + n + "/" + m + ", the model has "
                    + current.obsDim() + "/" + current.actionDim());
        }
        if (model == null) {
            int rows = Math.max(horizon * 2 * (n + m), Math.max(settings.population(), ALPHAS.length));
            model = new ModelEnvironment(current, ModelEnvironment.Settings.expectation(), List.of(problem.reward()),
                    TerminationFunction.NEVER, rows, new RandomStream(0));
        } else if (current != modelInUse) {
            model.setModel(current);
        }
        modelInUse = current;
    }

    /** Rolls out the warm start, its perturbations and the seeds; the cheapest becomes the nominal. */
    private boolean chooseNominal(float[] initialMean) {
        int length = space.length();
        int population = settings.population();
        for (int i = 0; i < length; i++) {
            candidates[i] = clip(initialMean[i], i);
        }
        if (population > 1) {
            Gaussians.fillTruncated(random, 2f, noise, (population - 1) * length);
            for (int c = 1; c < population; c++) {
                for (int i = 0; i < length; i++) {
                    float half = 0.5f * (space.highAt(i) - space.lowAt(i));
                    candidates[c * length + i] = clip(candidates[i] + settings.sigma() * half
                            * noise[(c - 1) * length + i], i);
                }
            }
            seeds.copyInto(candidates, population);
        }
        rollOut(population, -1);
        int chosen = -1;
        for (int c = 0; c < population; c++) {
            if (Double.isFinite(candidateCosts[c]) && (chosen < 0 || candidateCosts[c] < candidateCosts[chosen])) {
                chosen = c;
            }
        }
        if (chosen < 0) {
            return false;
        }
        System.arraycopy(candidates, chosen * length, us, 0, length);
        System.arraycopy(candidateStates, chosen * (horizon + 1) * n, xs, 0, (horizon + 1) * n);
        cost = candidateCosts[chosen];
        return true;
    }

    /**
     * Rolls {@code rows} sequences out from the start through the mean model, one call per step.
     * With {@code alphaRows < 0} the actions are {@link #candidates}; otherwise row a follows the
     * feedback policy {@code u = û + α_a·k + K·(x − x̂)}, clipped, and writes its actions there.
     */
    private void rollOut(int rows, int alphaRows) {
        int length = space.length();
        int stride = (horizon + 1) * n;
        model.resetAll(start, rows);
        Arrays.fill(candidateCosts, 0, rows, 0);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(start, 0, candidateStates, r * stride, n);
        }
        for (int t = 0; t < horizon; t++) {
            float[] action = model.actions();
            for (int r = 0; r < rows; r++) {
                if (alphaRows >= 0) {
                    feedbackAction(t, ALPHAS[r], candidateStates, r * stride + t * n, candidates, r * length + t * m);
                }
                System.arraycopy(candidates, r * length + t * m, action, r * m, m);
            }
            model.step();
            float[] obs = model.observations();
            float[] reward = model.rewards();
            for (int r = 0; r < rows; r++) {
                System.arraycopy(obs, r * n, candidateStates, r * stride + (t + 1) * n, n);
                candidateCosts[r] = Float.isFinite(reward[r]) ? candidateCosts[r] - reward[r] : Double.POSITIVE_INFINITY;
            }
        }
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < stride && Double.isFinite(candidateCosts[r]); i++) {
                if (!Float.isFinite(candidateStates[r * stride + i])) {
                    candidateCosts[r] = Double.POSITIVE_INFINITY;
                }
            }
        }
    }

    private void feedbackAction(int t, float alpha, float[] states, int stateAt, float[] out, int outAt) {
        for (int a = 0; a < m; a++) {
            double u = us[t * m + a] + alpha * k[t * m + a];
            for (int j = 0; j < n; j++) {
                u += gains[(t * m + a) * n + j] * (states[stateAt + j] - xs[t * n + j]);
            }
            out[outAt + a] = clip((float) u, a);
        }
    }

    private float clip(float value, int i) {
        float v = Float.isFinite(value) ? value : 0.5f * (space.lowAt(i) + space.highAt(i));
        return Math.min(space.highAt(i), Math.max(space.lowAt(i), v));
    }

    /** Jacobians A_t = ∂f/∂x, B_t = ∂f/∂u along the nominal, all central differences in one model call. */
    private void linearise() {
        int perStep = 2 * (n + m);
        int rows = horizon * perStep;
        for (int t = 0; t < horizon; t++) {
            for (int i = 0; i < n + m; i++) {
                for (int s = 0; s < 2; s++) {
                    int r = t * perStep + 2 * i + s;
                    System.arraycopy(xs, t * n, jacobianStarts, r * n, n);
                    System.arraycopy(us, t * m, jacobianActions, r * m, m);
                    float delta = (float) (s == 0 ? stepSize[i] : -stepSize[i]);
                    if (i < n) {
                        jacobianStarts[r * n + i] += delta;
                    } else {
                        jacobianActions[r * m + i - n] += delta;
                    }
                }
            }
        }
        model.reset(jacobianStarts, rows);
        model.step(jacobianActions);
        float[] next = model.observations();
        for (int t = 0; t < horizon; t++) {
            for (int i = 0; i < n + m; i++) {
                int plus = t * perStep + 2 * i;
                int minus = plus + 1;
                for (int row = 0; row < n; row++) {
                    double derivative = (next[plus * n + row] - next[minus * n + row]) / (2 * stepSize[i]);
                    if (!Double.isFinite(derivative)) {
                        derivative = 0;
                    }
                    if (i < n) {
                        fx[(t * n + row) * n + i] = derivative;
                    } else {
                        fu[(t * n + row) * m + i - n] = derivative;
                    }
                }
            }
        }
    }

    /**
     * The cost's expansion in (x, u) per step: in z = (x, u, x'), projected onto the PSD cone, then
     * chained through x' ≈ A·x + B·u (gradient Jᵀg, Hessian JᵀHJ with J = [I 0; 0 I; A B]).
     */
    private void expandCost() {
        System.arraycopy(xs, n, nextStates, 0, horizon * n);
        expansion.expand(xs, us, nextStates, horizon, gradient, hessian);
        int w = n + m;
        for (int t = 0; t < horizon; t++) {
            int h = t * d * d;
            for (int i = 0; i < d * d; i++) {
                if (!Double.isFinite(hessian[h + i])) {
                    hessian[h + i] = 0;
                }
            }
            SmallMatrices.projectPsd(hessian, h, d, psdScratch);
            Arrays.fill(stacked, 0);
            for (int i = 0; i < w; i++) {
                stacked[i * w + i] = 1;
            }
            for (int row = 0; row < n; row++) {
                for (int j = 0; j < n; j++) {
                    stacked[(w + row) * w + j] = fx[(t * n + row) * n + j];
                }
                for (int j = 0; j < m; j++) {
                    stacked[(w + row) * w + n + j] = fu[(t * n + row) * m + j];
                }
            }
            for (int a = 0; a < w; a++) {
                double g = 0;
                for (int z = 0; z < d; z++) {
                    double gz = gradient[t * d + z];
                    g += stacked[z * w + a] * (Double.isFinite(gz) ? gz : 0);
                }
                if (a < n) {
                    lx[t * n + a] = g;
                } else {
                    lu[t * m + a - n] = g;
                }
            }
            for (int a = 0; a < w; a++) {
                for (int b = 0; b < w; b++) {
                    double sum = 0;
                    for (int z1 = 0; z1 < d; z1++) {
                        double ja = stacked[z1 * w + a];
                        if (ja == 0) {
                            continue;
                        }
                        for (int z2 = 0; z2 < d; z2++) {
                            sum += ja * hessian[h + z1 * d + z2] * stacked[z2 * w + b];
                        }
                    }
                    if (a < n && b < n) {
                        lxx[(t * n + a) * n + b] = sum;
                    } else if (a >= n && b >= n) {
                        luu[(t * m + a - n) * m + b - n] = sum;
                    } else if (a >= n) {
                        lux[(t * m + a - n) * n + b] = sum;
                    }
                }
            }
        }
    }

    /**
     * The backward pass with regularisation μ on the value Hessian (Tassa 2012, eq. 10): fills the
     * feed-forward changes k and feedback gains K, and the expected cost change's terms.
     *
     * @return false if a control Hessian was not positive definite (raise μ and retry)
     */
    private boolean backward(double mu) {
        Arrays.fill(vx, 0);
        Arrays.fill(vxx, 0);
        expectedLinear = 0;
        expectedQuadratic = 0;
        for (int t = horizon - 1; t >= 0; t--) {
            int a0 = t * n * n;
            int b0 = t * n * m;
            for (int i = 0; i < n * n; i++) {
                vReg[i] = vxx[i] + (i % (n + 1) == 0 ? mu : 0);
            }
            for (int i = 0; i < n; i++) { // Qx = lx + Aᵀ Vx
                double s = lx[t * n + i];
                for (int r = 0; r < n; r++) {
                    s += fx[a0 + r * n + i] * vx[r];
                }
                qx[i] = s;
            }
            for (int i = 0; i < m; i++) { // Qu = lu + Bᵀ Vx
                double s = lu[t * m + i];
                for (int r = 0; r < n; r++) {
                    s += fu[b0 + r * m + i] * vx[r];
                }
                qu[i] = s;
            }
            for (int i = 0; i < n; i++) { // Qxx = lxx + Aᵀ Vxx A
                for (int j = 0; j < n; j++) {
                    qxx[i * n + j] = lxx[a0 + i * n + j] + sandwich(fx, a0, n, i, vxx, fx, a0, n, j);
                }
            }
            for (int i = 0; i < m; i++) { // Quu = luu + Bᵀ V B, Qux = lux + Bᵀ V A: V = Vxx, and Vxx + μI
                for (int j = 0; j < m; j++) {
                    double l = luu[(t * m + i) * m + j];
                    quu[i * m + j] = l + sandwich(fu, b0, m, i, vxx, fu, b0, m, j);
                    quuReg[i * m + j] = l + sandwich(fu, b0, m, i, vReg, fu, b0, m, j);
                }
                for (int j = 0; j < n; j++) {
                    double l = lux[(t * m + i) * n + j];
                    qux[i * n + j] = l + sandwich(fu, b0, m, i, vxx, fx, a0, n, j);
                    quxReg[i * n + j] = l + sandwich(fu, b0, m, i, vReg, fx, a0, n, j);
                }
            }
            symmetrise(quuReg, m);
            for (int a = 0; a < m; a++) {
                float u = us[t * m + a];
                lower[a] = space.low()[a] - u;
                upper[a] = space.high()[a] - u;
                kt[a] = k[t * m + a];
            }
            if (!qp.solve(quuReg, qu, lower, upper, kt)) {
                return false;
            }
            for (int j = 0; j < n; j++) { // K = −Quu_ff⁻¹ Qux_f, zero rows where clamped
                for (int a = 0; a < m; a++) {
                    column[a] = -quxReg[a * n + j];
                }
                qp.solveFree(column, scratch);
                for (int a = 0; a < m; a++) {
                    gains[(t * m + a) * n + j] = column[a];
                }
            }
            System.arraycopy(kt, 0, k, t * m, m);
            updateValue(t);
        }
        return true;
    }

    /**
     * {@code Σ_r Σ_c left[r][i] · w[r][c] · right[c][j]}: entry (i, j) of {@code leftᵀ·w·right}, with
     * {@code w} {@code [n × n]} and the other two {@code [n × cols]} blocks starting at their offsets.
     */
    private double sandwich(double[] left, int leftAt, int leftCols, int i, double[] w, double[] right, int rightAt,
                            int rightCols, int j) {
        double sum = 0;
        for (int r = 0; r < n; r++) {
            double lr = left[leftAt + r * leftCols + i];
            if (lr == 0) {
                continue;
            }
            for (int c = 0; c < n; c++) {
                sum += lr * w[r * n + c] * right[rightAt + c * rightCols + j];
            }
        }
        return sum;
    }

    /** Vx, Vxx from the unregularised Q terms and the step's k, K (Tassa 2012, eq. 11). */
    private void updateValue(int t) {
        int g0 = t * m * n;
        for (int a = 0; a < m; a++) {
            double quuK = 0;
            for (int b = 0; b < m; b++) {
                quuK += quu[a * m + b] * kt[b];
            }
            expectedLinear += kt[a] * qu[a];
            expectedQuadratic += 0.5 * kt[a] * quuK;
        }
        for (int i = 0; i < n; i++) {
            double s = qx[i];
            for (int a = 0; a < m; a++) {
                double quuK = 0;
                for (int b = 0; b < m; b++) {
                    quuK += quu[a * m + b] * kt[b];
                }
                s += gains[g0 + a * n + i] * (quuK + qu[a]) + qux[a * n + i] * kt[a];
            }
            vx[i] = s;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = qxx[i * n + j];
                for (int a = 0; a < m; a++) {
                    double ka = gains[g0 + a * n + i];
                    double quuKj = 0;
                    for (int b = 0; b < m; b++) {
                        quuKj += quu[a * m + b] * gains[g0 + b * n + j];
                    }
                    s += ka * quuKj + ka * qux[a * n + j] + qux[a * n + i] * gains[g0 + a * n + j];
                }
                vxx[i * n + j] = s;
            }
        }
        symmetrise(vxx, n);
    }

    private static void symmetrise(double[] a, int size) {
        for (int i = 0; i < size; i++) {
            for (int j = i + 1; j < size; j++) {
                double mean = 0.5 * (a[i * size + j] + a[j * size + i]);
                a[i * size + j] = mean;
                a[j * size + i] = mean;
            }
        }
    }

    /**
     * The forward pass for every step size at once; the cheapest replaces the nominal if it lowers
     * the cost and the expected change was a decrease.
     *
     * @return whether the nominal improved
     */
    private boolean lineSearch() {
        int rows = ALPHAS.length;
        rollOut(rows, 0);
        int chosen = -1;
        for (int r = 0; r < rows; r++) {
            if (Double.isFinite(candidateCosts[r]) && candidateCosts[r] < cost
                    && (chosen < 0 || candidateCosts[r] < candidateCosts[chosen])) {
                chosen = r;
            }
        }
        if (chosen < 0) {
            return false;
        }
        int length = space.length();
        System.arraycopy(candidates, chosen * length, us, 0, length);
        System.arraycopy(candidateStates, chosen * (horizon + 1) * n, xs, 0, (horizon + 1) * n);
        cost = candidateCosts[chosen];
        return true;
    }

    @Override
    public RandomStream randomStream() {
        return random;
    }
}
