package dev.foresight.algorithm;

import dev.foresight.agent.Agent;
import dev.foresight.agent.EpisodeRunner;
import dev.foresight.agent.EpisodeStats;
import dev.foresight.env.Environment;
import dev.foresight.io.AtomicFiles;
import dev.foresight.model.ensemble.TrainingListener;
import dev.foresight.util.Medians;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The loop of an experiment: plays {@link RunConfig#episodes()} episodes of the run's agent in a
 * headless environment — the run's task, built-in or a user's class, or a grid world
 * ({@link Environments}) — lets the agent learn when
 * its schedule says so ({@link Agent#readyToLearn()}), and after every episode rewrites
 * {@code OUT/metrics.csv} ({@link EpisodeRow#HEADER}) atomically. {@code OUT/config.json} is written
 * first, after the environment has been checked. Episode i is seeded with the i-th draw of a
 * stream seeded by the run's seed, so a run is reproducible bit for bit.
 *
 * <p>Threading: runs on the calling thread (the environment's).
 */
public final class TrainingRun {
    /** The metrics file of a run. */
    public static final String METRICS_FILE = "metrics.csv";
    /** The settings file of a run. */
    public static final String CONFIG_FILE = "config.json";

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
     * @param config the run (not null)
     * @param out the run's folder (created if missing)
     * @param listener hears every episode (not null)
     * @return the rows written
     * @throws IOException if a file cannot be written or a dataset read
     * @throws IllegalArgumentException if the environment does not exist (nothing is written then)
     */
    public static Result run(RunConfig config, Path out, RunListener listener) throws IOException {
        config.validate();
        Files.createDirectories(out);
        config.save(out.resolve(CONFIG_FILE));
        List<EpisodeRow> rows = new ArrayList<>();
        long start = System.nanoTime();
        SplittableRandom runRandom = new SplittableRandom(config.seed());
        try (Environment environment = Environments.create(config.env());
             Agent agent = config.agent().algorithm().createAgent(environment.spec(), config, runRandom, out, listener)) {
            long steps = 0;
            for (int e = 1; e <= config.episodes(); e++) {
                EpisodeRunner.Episode episode = EpisodeRunner.run(environment, agent, runRandom.nextLong());
                steps += episode.steps();
                EpisodeStats stats = agent.episodeStats();
                double trainSeconds = stats.learner().learnSeconds();
                if (!agent.learnsInBackground() && agent.readyToLearn()) {
                    long t = System.nanoTime();
                    agent.learn(TrainingListener.NONE);
                    trainSeconds += (System.nanoTime() - t) / 1e9;
                }
                List<Double> plans = stats.planMillis();
                EpisodeRow row = new EpisodeRow(e, steps, episode.episodeReturn(), stats.modelHoldoutNll(),
                        plans.isEmpty() ? Double.NaN : Medians.of(plans),
                        plans.isEmpty() ? Double.NaN : Medians.percentile(plans, 0.99), trainSeconds,
                        (System.nanoTime() - start) / 1e9, stats.planned() ? stats.horizon() : 0, stats.learner());
                rows.add(row);
                writeMetrics(out.resolve(METRICS_FILE), rows);
                listener.onEpisode(row, stats);
            }
        }
        return new Result(rows, (System.nanoTime() - start) / 1e9);
    }

    private static void writeMetrics(Path file, List<EpisodeRow> rows) throws IOException {
        StringBuilder csv = new StringBuilder(EpisodeRow.HEADER).append('\n');
        rows.forEach(r -> csv.append(r.toCsv()).append('\n'));
        AtomicFiles.write(file, csv.toString().getBytes(StandardCharsets.UTF_8));
    }
}
