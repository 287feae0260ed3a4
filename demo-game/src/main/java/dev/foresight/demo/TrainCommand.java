package dev.foresight.demo;

import dev.foresight.agent.ActorCriticConfig;
import dev.foresight.agent.AdaptiveHorizon;
import dev.foresight.agent.OnPolicyConfig;
import dev.foresight.muzero.MuZeroConfig;
import dev.foresight.search.MctsConfig;
import dev.foresight.tabular.DynaConfig;
import dev.foresight.agent.PetsConfig;
import dev.foresight.algorithm.AgentKind;
import dev.foresight.algorithm.RunConfig;
import dev.foresight.algorithm.TrainingRun;
import dev.foresight.demo.plot.Chart;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Trains an agent through the library's {@link TrainingRun} and writes {@code metrics.csv},
 * {@code learning_curve.png}, {@code config.json}, {@code dynamics.onnx} (PETS, MBPO: the final model) and
 * {@code policy.onnx} (SAC, MBPO, PPO, SimPLe).
 * This command only turns flags into a {@link RunConfig} and prints.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train an agent: PETS (random episodes, then MPC with a probabilistic ensemble retrained after",
                "every episode), MBPO (SAC trained mostly on short rollouts of a learned ensemble), SAC (model-free),",
                "SimPLe (PPO trained inside a learned ensemble), PPO (model-free) or a random baseline, in a built-in",
                "environment or your own PhysicsTask class (--env com.example.MyTask, on the classpath). Writes",
                "DIR/metrics.csv, DIR/learning_curve.png, DIR/config.json (every setting; repeat with --config),",
                "DIR/dynamics.onnx (PETS, MBPO, SimPLe) and DIR/policy.onnx (SAC, MBPO, PPO, SimPLe)."})
final class TrainCommand implements Runnable {
    @Option(names = "--env", description = "Environment name (see 'envs') or a PhysicsTask class name.")
    String env;

    @Option(names = "--agent", description = "pets, mbpo, sac, simple, ppo, random; on grid worlds q-learning, dyna-q, dyna-q-plus, mcts or"
            + " prioritized-sweeping; with discrete actions mcts or muzero (default pets, or the config's).")
    String agent;

    @Option(names = "--episodes", description = "Episodes (default 10, or the config's).")
    Integer episodes;

    @Option(names = "--seed", description = "Seed (default 0, or the config's).")
    Long seed;

    @Option(names = "--out", description = "Output folder (required unless --resume).")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run in DIR (its --out folder) from its"
            + " checkpoint, with its own config.json: it ends exactly as if it had never stopped (with --episodes N: as a"
            + " run of N episodes would). Runs of pets, random, sac and mbpo write checkpoints.")
    Path resume;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Write DIR/checkpoint.zip (atomically) after"
            + " every N episodes and after the last; 0: never (default 1).")
    int checkpointEvery = 1;

    @Option(names = "--timing-apart", description = "Leave metrics.csv's timing cells empty and write them to"
            + " DIR/timing.csv, so every other file of the run is byte-identical on any machine (sweeps do this).")
    boolean timingApart;

    @Mixin
    PlannerOptions planner;

    @Option(names = "--dataset", description = "Start from a saved .npz dataset instead of random episodes.")
    Path dataset;

    @Option(names = "--hidden", split = ",", description = "Ensemble hidden widths (default 200,200,200).")
    List<Integer> hidden;

    @Option(names = "--updates-per-step", description = "SAC/MBPO: gradient updates per real step (default: sac 1, mbpo 20).")
    Integer updatesPerStep;

    @Option(names = "--random-steps", description = "SAC/MBPO: real steps of random actions first (default: sac 1000, mbpo 400).")
    Integer randomSteps;

    @Option(names = "--rollout-schedule", split = ",", description = "MBPO: EPOCH_A,EPOCH_B,K_A,K_B — model rollout length"
            + " K_A up to epoch EPOCH_A, K_B from EPOCH_B, linear between (an epoch is 200 real steps; default 2,10,1,10).")
    List<Integer> rolloutSchedule;

    @Option(names = "--gamma", description = "PPO/SimPLe: discount (default 0.99).")
    Float gamma;

    @Option(names = "--steps-per-update", description = "PPO: real steps per update (default 2048).")
    Integer stepsPerUpdate;

    @Option(names = "--envs", description = "PPO: real environments stepped in parallel, each --steps-per-update steps"
            + " per update (default 1).")
    Integer envs;

    @Option(names = "--episodes-per-round", description = "SimPLe: real episodes between rounds of model training and"
            + " imagined PPO (default 5).")
    Integer episodesPerRound;

    @Option(names = "--imagined-iterations", description = "SimPLe: PPO updates inside the model per round (default 40).")
    Integer imaginedIterations;

    @Option(names = "--imagined-envs", description = "SimPLe: imagined environments per PPO update (default 400).")
    Integer imaginedEnvs;

    @Option(names = "--imagined-horizon", description = "SimPLe: steps of each imagined rollout (default 50).")
    Integer imaginedHorizon;

    @Option(names = "--planning-steps", description = "Dyna-Q / Dyna-Q+ / prioritized sweeping: planning updates per real"
            + " step n (default 5).")
    Integer planningSteps;

    @Option(names = "--kappa", description = "Dyna-Q+: the exploration bonus κ·√τ (default 0.001).")
    Float kappa;

    @Option(names = "--alpha", description = "Tabular agents: step size α (default 0.1).")
    Float alpha;

    @Option(names = "--epsilon", description = "Tabular agents: exploration ε (default 0.1).")
    Float epsilon;

    @Option(names = "--updates", description = "Tabular agents: what planning updates ask the model — 'sample' from the"
            + " last-seen table (default, the book's), 'sample-counts' (a draw by counts) or 'expected' (all outcomes"
            + " by counts).")
    String updates;

    @Option(names = "--simulations", description = "MCTS / MuZero: simulations per real step (default: mcts 200, muzero 50).")
    Integer simulations;

    @Option(names = "--root", description = "MuZero: how the root is searched — gumbel (Gumbel MuZero's sequential halving;"
            + " the default) or puct (PUCT with Dirichlet noise, actions drawn from the visit counts).")
    String root;

    @Option(names = "--leaf-batch", description = "MCTS: simulations in flight, their leaves expanded in one model call"
            + " (default 8).")
    Integer leafBatch;

    @Option(names = "--exploration", description = "MCTS: UCT's c, or PUCT's c_puct with --puct (default 1).")
    Float exploration;

    @Option(names = "--puct", description = "MCTS: PUCT (uniform priors here) instead of UCT.")
    boolean puct;

    @Option(names = "--rollout-depth", description = "MCTS: steps of each random rollout from a leaf (default 20).")
    Integer rolloutDepth;

    @Option(names = "--rollouts-per-leaf", description = "MCTS: random rollouts per leaf, averaged (default 16).")
    Integer rolloutsPerLeaf;

    @Option(names = "--value-mix", description = "MCTS: λ, a leaf's weight on the global value estimate the searches"
            + " build, the rest on its rollouts (default 0.5; 0: rollouts only).")
    Float valueMix;

    @Option(names = "--penalty", description = "MBPO/SimPLe: MOPO's uncertainty penalty λ on imagined rewards, r − λ·u (default 0: off).")
    Float penalty;

    @Option(names = "--offline", description = "MBPO/SAC: learn from --dataset alone; episodes are played and reported but"
            + " never learned from.")
    boolean offline;

    @Option(names = "--adaptive-horizon", description = "MIN,MAX,ERROR: plan as far ahead (MIN..MAX steps) as the model's"
            + " open-loop error on the newest episode stays within ERROR (normalised; e.g. 5,30,0.5). Default: fixed.")
    String adaptiveHorizon;

    @Override
    public void run() {
        try {
            if (resume != null) {
                resume();
            } else {
                if (out == null) {
                    throw new IllegalArgumentException("--out is required (the folder the run writes), or --resume DIR");
                }
                RunConfig config = resolveConfig();
                try (RunProgress progress = new RunProgress(config.agent().id() + " on " + config.env(), config.episodes())) {
                    finish(config, TrainingRun.run(config, out, progress,
                            new TrainingRun.Options(checkpointEvery, timingApart)), progress);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void resume() throws IOException {
        if (env != null || agent != null || seed != null || dataset != null
                || (out != null && !out.equals(resume)) || planner.baseConfig() != null || timingApart) {
            throw new IllegalArgumentException("--resume continues " + resume + " with its own config.json: leave out"
                    + " --env, --agent, --seed, --dataset, --config, --timing-apart and --out (--episodes N extends it)");
        }
        out = resume;
        RunConfig config = TrainingRun.resumableConfig(resume);
        int length = episodes == null ? config.episodes() : episodes;
        try (RunProgress progress = new RunProgress(config.agent().id() + " on " + config.env(), length)) {
            TrainingRun.Result result = TrainingRun.resume(resume, progress, checkpointEvery, length);
            finish(config.withEpisodes(length), result, progress);
        }
    }

    /** Flags over the {@code --config} file over the defaults. */
    RunConfig resolveConfig() throws IOException {
        RunConfig base = planner.baseConfig();
        String envName = env != null ? env : base != null ? base.env() : null;
        if (envName == null) {
            throw new IllegalArgumentException("--env is required (or --config with an env)");
        }
        long runSeed = seed != null ? seed : base != null ? base.seed() : 0L;
        int runEpisodes = episodes != null ? episodes : base != null ? base.episodes() : 10;
        if (runEpisodes < 1) {
            throw new IllegalArgumentException("--episodes must be >= 1, got " + runEpisodes);
        }
        AgentKind kind = agent != null ? AgentKind.parse(agent) : base != null ? base.agent() : AgentKind.PETS;
        PetsConfig pets = base == null ? PetsConfig.defaults(runSeed) : base.pets().withSeed(runSeed);
        pets = pets.withPlanner(planner.apply(pets.planner()));
        if (hidden != null) {
            pets = pets.withEnsemble(pets.ensemble().withHiddenSizes(hidden));
        }
        if (adaptiveHorizon != null) {
            pets = pets.withAdaptiveHorizon(AdaptiveHorizon.parse(adaptiveHorizon));
        }
        String data = dataset != null ? dataset.toString() : base != null ? base.dataset() : null;
        RunConfig config = new RunConfig(envName, kind, runEpisodes, runSeed, data, pets, actorCritic(base, kind, runSeed),
                onPolicy(base, kind, runSeed), dyna(base, kind, runSeed), mcts(base, kind, runSeed),
                muzero(base, kind, runSeed));
        config.validate(); // an unknown environment writes nothing
        return config;
    }

    /** The config's actor-critic settings if it was for the same agent, else the agent's defaults; then the flags. */
    private ActorCriticConfig actorCritic(RunConfig base, AgentKind kind, long runSeed) {
        ActorCriticConfig c = base != null && base.agent() == kind ? base.actorCritic().withSeed(runSeed)
                : RunConfig.defaultActorCritic(kind, runSeed);
        ActorCriticConfig.RolloutSchedule schedule = c.rollout();
        if (rolloutSchedule != null) {
            if (rolloutSchedule.size() != 4) {
                throw new IllegalArgumentException("--rollout-schedule needs 4 numbers EPOCH_A,EPOCH_B,K_A,K_B, got "
                        + rolloutSchedule);
            }
            schedule = new ActorCriticConfig.RolloutSchedule(rolloutSchedule.get(0), rolloutSchedule.get(1),
                    rolloutSchedule.get(2), rolloutSchedule.get(3));
        }
        return new ActorCriticConfig(c.sac(), c.modelBased(), c.ensemble(), randomSteps != null ? randomSteps : c.randomSteps(),
                updatesPerStep != null ? updatesPerStep : c.updatesPerStep(), c.modelInterval(), c.rolloutsPerStep(),
                c.epochSteps(), schedule, c.retainEpochs(), c.realRatio(), c.learnedReward(), c.bufferCapacity(), c.seed(),
                penalty != null ? penalty : c.uncertaintyPenalty(), offline || c.offline());
    }

    /** The config's PPO / SimPLe settings if it was for the same agent, else the agent's defaults; then the flags. */
    private OnPolicyConfig onPolicy(RunConfig base, AgentKind kind, long runSeed) {
        OnPolicyConfig c = base != null && base.agent() == kind ? base.onPolicy().withSeed(runSeed)
                : RunConfig.defaultOnPolicy(kind, runSeed);
        var ppo = c.ppo();
        if (gamma != null) {
            ppo = ppo.with(ppo.minibatchSize(), gamma, ppo.learningRate());
        }
        return new OnPolicyConfig(ppo, stepsPerUpdate != null ? stepsPerUpdate : c.stepsPerUpdate(),
                envs != null ? envs : c.envs(), c.modelBased(),
                c.ensemble(), episodesPerRound != null ? episodesPerRound : c.episodesPerRound(),
                imaginedEnvs != null ? imaginedEnvs : c.imaginedEnvs(),
                imaginedHorizon != null ? imaginedHorizon : c.imaginedHorizon(),
                imaginedIterations != null ? imaginedIterations : c.imaginedIterations(), c.learnedReward(),
                penalty != null ? penalty : c.uncertaintyPenalty(), c.bufferCapacity(), c.seed());
    }

    /** The config's tabular settings if it was for the same agent, else the agent's defaults; then the flags. */
    private DynaConfig dyna(RunConfig base, AgentKind kind, long runSeed) {
        DynaConfig c = base != null && base.agent() == kind ? base.dyna().withSeed(runSeed)
                : RunConfig.defaultDyna(kind, runSeed);
        boolean distribution = c.distributionModel();
        boolean expected = c.expectedUpdates();
        if (updates != null) {
            switch (updates) {
                case "sample" -> {
                    distribution = false;
                    expected = false;
                }
                case "sample-counts" -> {
                    distribution = true;
                    expected = false;
                }
                case "expected" -> {
                    distribution = true;
                    expected = true;
                }
                default -> throw new IllegalArgumentException("--updates must be sample, sample-counts or expected, got '"
                        + updates + "'");
            }
        }
        return new DynaConfig(alpha != null ? alpha : c.alpha(), c.gamma(), epsilon != null ? epsilon : c.epsilon(),
                planningSteps != null ? planningSteps : c.planningSteps(), kappa != null ? kappa : c.kappa(),
                c.prioritizedSweeping(), c.theta(), distribution, expected, c.seed());
    }

    /** The config's MCTS settings if it was for the same agent, else the defaults; then the flags. */
    private MctsConfig mcts(RunConfig base, AgentKind kind, long runSeed) {
        MctsConfig c = base != null && base.agent() == kind ? base.mcts().withSeed(runSeed) : MctsConfig.defaults(runSeed);
        return new MctsConfig(simulations != null ? simulations : c.simulations(), leafBatch != null ? leafBatch : c.leafBatch(),
                c.discount(), exploration != null ? exploration : c.exploration(), puct || c.puct(),
                rolloutDepth != null ? rolloutDepth : c.rolloutDepth(),
                rolloutsPerLeaf != null ? rolloutsPerLeaf : c.rolloutsPerLeaf(), valueMix != null ? valueMix : c.valueMix(),
                c.seed());
    }

    /** The config's MuZero settings if it was for the same agent, else the defaults; then the flags. */
    private MuZeroConfig muzero(RunConfig base, AgentKind kind, long runSeed) {
        MuZeroConfig c = base != null && base.agent() == kind ? base.muzero().withSeed(runSeed)
                : MuZeroConfig.defaults(runSeed);
        if (simulations != null) {
            c = c.withSimulations(simulations);
        }
        if (root == null) {
            return c;
        }
        return switch (root.toLowerCase(Locale.ROOT)) {
            case "gumbel" -> c.withGumbel(true);
            case "puct" -> c.withGumbel(false);
            default -> throw new IllegalArgumentException("--root must be gumbel or puct, got '" + root + "'");
        };
    }

    private void finish(RunConfig run, TrainingRun.Result result, RunProgress progress) throws IOException {
        progress.close();
        List<Double> returns = result.returns();
        plot(run, result);
        System.out.printf(Locale.ROOT, "episodes=%d last_return=%.2f best_return=%.2f wall_s=%.1f out=%s%n", returns.size(),
                returns.get(returns.size() - 1), returns.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN),
                result.wallSeconds(), out);
    }

    private void plot(RunConfig run, TrainingRun.Result result) throws IOException {
        int n = result.rows().size();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = result.rows().get(i).envSteps();
            y[i] = result.rows().get(i).episodeReturn();
        }
        Chart chart = new Chart("Learning curve: " + run.agent().id() + " on " + run.env() + " (seed " + run.seed() + ")",
                1, 900, 520);
        chart.panel("return of each episode", "env steps", "episode return").integerX()
                .line(run.agent().id(), x, y, new Color(30, 90, 220));
        chart.save(out.resolve("learning_curve.png"));
    }
}
