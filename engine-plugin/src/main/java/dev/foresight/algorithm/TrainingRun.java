package dev.foresight.algorithm;

import dev.foresight.agent.Agent;
import dev.foresight.agent.EpisodeRunner;
import dev.foresight.agent.EpisodeStats;
import dev.foresight.agent.LearnerStats;
import dev.foresight.agent.VectorAgent;
import dev.foresight.checkpoint.Checkpoint;
import dev.foresight.checkpoint.Checkpointable;
import dev.foresight.env.EnvSpec;
import dev.foresight.env.Environment;
import dev.foresight.env.VectorEnvironment;
import dev.foresight.io.AtomicFiles;
import dev.foresight.model.ensemble.TrainingListener;
import dev.foresight.util.Medians;
import dev.foresight.util.RandomStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The loop of an experiment: plays {@link RunConfig#episodes()} episodes of the run's agent in a
 * headless environment — the run's task, built-in or a user's class, or a grid world
 * ({@link Environments}) — lets the agent learn when
 * its schedule says so ({@link Agent#readyToLearn()}), and after every episode rewrites
 * {@code OUT/metrics.csv} ({@link EpisodeRow#HEADER}) atomically. {@code OUT/config.json} is written
 * first, after the environment has been checked. Episode i is seeded with the i-th draw of a
 * stream seeded by the run's seed, so a run is reproducible bit for bit. Agents that can save
 * their state ({@link AgentKind#resumable()}) get a checkpoint ({@code OUT/checkpoint.zip}) after
 * every N episodes, from which {@link #resume} continues a stopped run to the same end.
 *
 * <p>Threading: runs on the calling thread (the environment's).
 */
public final class TrainingRun {
    /** The metrics file of a run. */
    public static final String METRICS_FILE = "metrics.csv";
    /** The settings file of a run. */
    public static final String CONFIG_FILE = "config.json";
    /** Where a run's timing columns go when they are kept apart ({@link Options#timingApart()}). */
    public static final String TIMING_FILE = "timing.csv";
    /** The header of {@value #TIMING_FILE}. */
    public static final String TIMING_HEADER = "episode,plan_ms_p50,plan_ms_p99,train_s,wall_s";

    /**
     * How a run writes its files.
     *
     * @param checkpointEvery write {@code OUT/checkpoint.zip} after every this many episodes and
     *                        after the last (0: never); only agents that are
     *                        {@link AgentKind#resumable() resumable} write one
     * @param timingApart leave {@code metrics.csv}'s timing cells (plan_ms_p50, plan_ms_p99,
     *                    train_s, wall_s) empty and write them to {@value #TIMING_FILE} instead, so
     *                    that every other file of a run is byte-identical whichever machine ran it
     *                    (sweeps do this)
     */
    public record Options(int checkpointEvery, boolean timingApart) {
        /** A checkpoint after every episode, timing in {@code metrics.csv}. */
        public static final Options DEFAULT = new Options(1, false);

        public Options {
            if (checkpointEvery < 0) {
                throw new IllegalArgumentException("checkpointEvery must be >= 0 (0: never), got " + checkpointEvery);
            }
        }
    }

    private TrainingRun() {
    }

    /**
     * What a run produced.
     *
     * @param rows one per episode
     * @param wallSeconds how long it took
     */
    public record Result(List<EpisodeRow> rows, double wallSeconds) {
        public Result {
            rows = List.copyOf(rows);
        }

        /** @return the episodes' returns, in order */
        public List<Double> returns() {
            return rows.stream().map(EpisodeRow::episodeReturn).toList();
        }
    }

    /**
     * Runs with a checkpoint after every episode (when the agent can save its state).
     *
     * @param config the run (not null)
     * @param out the run's folder (created if missing)
     * @param listener hears every episode (not null)
     * @return the rows written
     * @throws IOException if a file cannot be written or a dataset read
     * @throws IllegalArgumentException if the environment does not exist (nothing is written then)
     */
    public static Result run(RunConfig config, Path out, RunListener listener) throws IOException {
        return run(config, out, listener, Options.DEFAULT);
    }

    /**
     * @param config the run (not null)
     * @param out the run's folder (created if missing)
     * @param listener hears every episode (not null)
     * @param checkpointEvery as {@link Options#checkpointEvery()}; timing stays in {@code metrics.csv}
     * @return the rows written
     * @throws IOException if a file cannot be written or a dataset read
     */
    public static Result run(RunConfig config, Path out, RunListener listener, int checkpointEvery) throws IOException {
        return run(config, out, listener, new Options(checkpointEvery, false));
    }

    /**
     * @param config the run (not null)
     * @param out the run's folder (created if missing)
     * @param listener hears every episode (not null)
     * @param options checkpoints and timing (not null)
     * @return the rows written
     * @throws IOException if a file cannot be written or a dataset read
     * @throws IllegalArgumentException if the environment does not exist (nothing is written then)
     */
    public static Result run(RunConfig config, Path out, RunListener listener, Options options) throws IOException {
        config.validate();
        Files.createDirectories(out);
        config.save(out.resolve(CONFIG_FILE));
        return execute(config, out, listener, options, null);
    }

    /**
     * Continues a run from its checkpoint ({@code OUT/checkpoint.zip}, written between episodes):
     * the agent, its buffers, networks, optimisers and random streams, the episode-seed stream and
     * the rows come back as they were, and the remaining episodes are played exactly as an
     * uninterrupted run would play them — so the run ends with the same files (the timing columns
     * of {@code metrics.csv} aside). An episode that was under way when the run stopped is played
     * again from its start.
     *
     * @param out the run's folder, with its {@code config.json} and {@code checkpoint.zip}
     * @param listener hears every episode played now (not null)
     * @param checkpointEvery as {@link Options#checkpointEvery()} (where timing goes is the stopped run's choice)
     * @return every row of the run, the earlier ones included
     * @throws dev.foresight.checkpoint.CheckpointException if the checkpoint is missing, damaged,
     *         written for another config, or the agent cannot resume (nothing is changed then)
     * @throws IOException if a file cannot be read or written
     */
    public static Result resume(Path out, RunListener listener, int checkpointEvery) throws IOException {
        return resume(out, listener, checkpointEvery, 0);
    }

    /**
     * Continues a run from its checkpoint, as {@link #resume(Path, RunListener, int)}, with a new
     * length: a run extended from N to M episodes ends as a run of M episodes from the start would.
     *
     * @param out the run's folder, with its {@code config.json} and {@code checkpoint.zip}
     * @param listener hears every episode played now (not null)
     * @param checkpointEvery as {@link Options#checkpointEvery()}
     * @param episodes the run's length from now on (0: as its config says); {@code config.json}
     *                 is rewritten with it
     * @return every row of the run
     * @throws IllegalArgumentException if {@code episodes} is fewer than the episodes already played
     * @throws IOException if a file cannot be read or written
     */
    public static Result resume(Path out, RunListener listener, int checkpointEvery, int episodes) throws IOException {
        RunConfig config = resumableConfig(out);
        Checkpoint checkpoint = RunCheckpoint.read(out);
        if (episodes > 0 && episodes != config.episodes()) {
            int done = RunCheckpoint.episodesDone(checkpoint);
            if (episodes < done) {
                throw new IllegalArgumentException("--episodes " + episodes + " is fewer than the " + done
                        + " episodes " + out + " has already played");
            }
            config = config.withEpisodes(episodes);
            config.validate();
            config.save(out.resolve(CONFIG_FILE));
        }
        return execute(config, out, listener, new Options(checkpointEvery, RunCheckpoint.timingApart(checkpoint)),
                checkpoint);
    }

    /**
     * @param out a run's folder
     * @return its settings, if its agent's runs can be resumed
     * @throws dev.foresight.checkpoint.CheckpointException if the folder has no {@code config.json}
     *         or its agent cannot resume
     * @throws IOException if the config cannot be read
     */
    public static RunConfig resumableConfig(Path out) throws IOException {
        Path configFile = out.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(configFile)) {
            throw new dev.foresight.checkpoint.CheckpointException(out + " is not a run's folder (it has no "
                    + CONFIG_FILE + "): pass the --out folder of the run to resume");
        }
        RunConfig config = RunConfig.load(configFile);
        config.validate();
        if (!config.agent().resumable()) {
            throw new dev.foresight.checkpoint.CheckpointException("runs of the " + config.agent().id()
                    + " agent cannot be resumed yet (runs of " + AgentKind.resumableIds() + " can): start it again");
        }
        return config;
    }

    /** The run's agent, once its algorithm has said it suits the environment. */
    private static Agent newAgent(EnvSpec spec, RunConfig config, RandomStream runRandom, Path out, RunListener listener)
            throws IOException {
        Algorithm algorithm = config.agent().algorithm();
        algorithm.checkSupports(spec);
        return algorithm.createAgent(spec, config, runRandom, out, listener);
    }

    private static Result execute(RunConfig config, Path out, RunListener listener, Options options,
                                  Checkpoint resumeFrom) throws IOException {
        List<EpisodeRow> rows = new ArrayList<>();
        long start = System.nanoTime();
        double before = 0;
        RandomStream runRandom = new RandomStream(config.seed());
        try (Environment environment = Environments.create(config.env());
             Agent agent = newAgent(environment.spec(), config, runRandom, out, listener)) {
            if (agent instanceof VectorAgent vector && vector.envs() > 1) {
                runVector(config, vector, out, listener, rows, start, runRandom.nextLong(), options.timingApart());
            } else {
                Loop loop = new Loop(0, 0, 0);
                if (resumeFrom != null) {
                    RunCheckpoint place = RunCheckpoint.restore(resumeFrom, agent, runRandom);
                    rows.addAll(place.rows());
                    loop = new Loop(place.episodes(), place.steps(), place.wallSeconds());
                    before = place.wallSeconds();
                    listener.onMessage("resumed " + out + " after episode " + place.episodes() + " of " + config.episodes());
                    writeMetrics(out, rows, options.timingApart());
                }
                int every = agent instanceof Checkpointable && config.agent().resumable() ? options.checkpointEvery() : 0;
                runEpisodes(config, environment, agent, out, listener, rows, start, runRandom, loop,
                        new Options(every, options.timingApart()));
            }
        }
        return new Result(rows, before + (System.nanoTime() - start) / 1e9);
    }

    /** Where the episode loop starts: episodes and steps done, wall time already spent. */
    private record Loop(int episodes, long steps, double wallSeconds) {
    }

    private static void runEpisodes(RunConfig config, Environment environment, Agent agent, Path out,
                                    RunListener listener, List<EpisodeRow> rows, long start, RandomStream runRandom,
                                    Loop loop, Options options) throws IOException {
        long steps = loop.steps();
        double wallBefore = loop.wallSeconds();
        int maxSteps = environment.spec().maxEpisodeSteps();
        for (int e = loop.episodes() + 1; e <= config.episodes(); e++) {
            int current = e;
            EpisodeRunner.Episode episode = EpisodeRunner.run(environment, agent, runRandom.nextLong(),
                    step -> listener.onStep(current, step, maxSteps));
            steps += episode.steps();
            EpisodeStats stats = agent.episodeStats();
            double trainSeconds = stats.learner().learnSeconds();
            if (!agent.learnsInBackground() && agent.readyToLearn()) {
                long t = System.nanoTime();
                agent.learn(TrainingListener.NONE);
                trainSeconds += (System.nanoTime() - t) / 1e9;
            }
            List<Double> plans = stats.planMillis();
            double wall = wallBefore + (System.nanoTime() - start) / 1e9;
            EpisodeRow row = new EpisodeRow(e, steps, episode.episodeReturn(), stats.modelHoldoutNll(),
                    plans.isEmpty() ? Double.NaN : Medians.of(plans),
                    plans.isEmpty() ? Double.NaN : Medians.percentile(plans, 0.99), trainSeconds,
                    wall, stats.planned() ? stats.horizon() : 0, stats.learner());
            rows.add(row);
            writeMetrics(out, rows, options.timingApart());
            int every = options.checkpointEvery();
            if (every > 0 && (e % every == 0 || e == config.episodes())) {
                new RunCheckpoint(e, steps, wall, rows).write(out, (Checkpointable) agent, runRandom, options.timingApart());
            }
            listener.onEpisode(row, stats);
        }
    }

    /**
     * Plays a {@link VectorAgent} in N lock-step copies of the environment (one thread; environment
     * i seeded {@code seed + i}, then reset as its episodes end) until {@code episodes} episodes
     * have ended; a row per ended episode, in the order they end ({@code env_steps} counts the steps
     * of all copies).
     */
    private static void runVector(RunConfig config, VectorAgent agent, Path out, RunListener listener,
                                  List<EpisodeRow> rows, long start, long seed, boolean timingApart) throws IOException {
        int n = agent.envs();
        try (VectorEnvironment envs = new VectorEnvironment(i -> Environments.create(config.env()), n, 1)) {
            EnvSpec spec = envs.spec();
            int obsDim = spec.obsDim();
            int actionDim = spec.actionDim();
            float[] obs = envs.reset(seed).clone();
            float[] raw = new float[n * actionDim];
            float[] applied = new float[n * actionDim];
            float[] reached = new float[n * obsDim];
            double[] returns = new double[n];
            long steps = 0;
            String what = spec.name() + " action";
            while (rows.size() < config.episodes()) {
                agent.actAll(obs, raw);
                for (int i = 0; i < n; i++) {
                    spec.actionSpace().checkAndClip(what, raw, i * actionDim, applied, i * actionDim);
                }
                float[] next = envs.step(applied);
                boolean[] terminated = envs.terminated();
                boolean[] truncated = envs.truncated();
                boolean[] failed = envs.physicsFailure();
                float[] finals = envs.finalObservations();
                for (int i = 0; i < n; i++) {
                    boolean ended = terminated[i] || truncated[i] || failed[i];
                    System.arraycopy(ended ? finals : next, i * obsDim, reached, i * obsDim, obsDim);
                }
                agent.observeAll(obs, applied, envs.rewards(), reached, terminated, truncated, failed);
                steps += n;
                for (int i = 0; i < n && rows.size() < config.episodes(); i++) {
                    returns[i] += envs.rewards()[i];
                    if (terminated[i] || truncated[i] || failed[i]) {
                        LearnerStats learner = agent.episodeEnded();
                        EpisodeRow row = new EpisodeRow(rows.size() + 1, steps, returns[i], Double.NaN, Double.NaN,
                                Double.NaN, learner.learnSeconds(), (System.nanoTime() - start) / 1e9, 0, learner);
                        rows.add(row);
                        writeMetrics(out, rows, timingApart);
                        listener.onEpisode(row, new EpisodeStats(false, 0, Double.NaN, List.of(), learner));
                        returns[i] = 0;
                    }
                }
                System.arraycopy(next, 0, obs, 0, obs.length);
            }
        }
    }

    private static void writeMetrics(Path out, List<EpisodeRow> rows, boolean timingApart) throws IOException {
        StringBuilder csv = new StringBuilder(EpisodeRow.HEADER).append('\n');
        rows.forEach(r -> csv.append(r.toCsv(!timingApart)).append('\n'));
        AtomicFiles.write(out.resolve(METRICS_FILE), csv.toString().getBytes(StandardCharsets.UTF_8));
        if (timingApart) {
            StringBuilder timing = new StringBuilder(TIMING_HEADER).append('\n');
            rows.forEach(r -> timing.append(r.timingCsv()).append('\n'));
            AtomicFiles.write(out.resolve(TIMING_FILE), timing.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
