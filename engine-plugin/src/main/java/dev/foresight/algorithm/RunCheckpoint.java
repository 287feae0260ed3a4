package dev.foresight.algorithm;

import dev.foresight.agent.Agent;
import dev.foresight.agent.LearnerStats;
import dev.foresight.checkpoint.Checkpoint;
import dev.foresight.checkpoint.CheckpointException;
import dev.foresight.checkpoint.Checkpointable;
import dev.foresight.util.RandomStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's checkpoint file ({@value #FILE} in the run's folder): the loop's place (episodes done,
 * env steps, the episode-seed stream, wall time, the rows so far), the {@code config.json} it
 * belongs to, and the agent's whole state under {@code agent/} ({@link Checkpointable}).
 *
 * @param episodes episodes done
 * @param steps env steps done
 * @param wallSeconds wall time spent so far
 * @param rows the rows so far
 */
record RunCheckpoint(int episodes, long steps, double wallSeconds, List<EpisodeRow> rows) {
    /** The checkpoint's file name in a run's folder. */
    static final String FILE = "checkpoint.zip";
    private static final int COLUMNS = 18;

    /**
     * Writes the checkpoint atomically.
     *
     * @param out the run's folder
     * @param agent the agent (checkpointable)
     * @param runRandom the episode-seed stream
     * @param timingApart whether the run keeps its timing in {@code timing.csv}
     * @throws IOException if it cannot be written
     */
    void write(Path out, Checkpointable agent, RandomStream runRandom, boolean timingApart) throws IOException {
        Checkpoint checkpoint = new Checkpoint();
        Checkpoint run = checkpoint.scope("run");
        run.putString("config", Files.readString(out.resolve(TrainingRun.CONFIG_FILE), StandardCharsets.UTF_8));
        run.putLong("episodes", episodes);
        run.putLong("steps", steps);
        run.putDouble("wall_seconds", wallSeconds);
        run.putBoolean("timing_apart", timingApart);
        run.putStream("random", runRandom);
        double[] values = new double[rows.size() * COLUMNS];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(values(rows.get(i)), 0, values, i * COLUMNS, COLUMNS);
        }
        run.putDoubles("rows", values);
        agent.saveState(checkpoint.scope("agent"));
        checkpoint.write(out.resolve(FILE));
    }

    /**
     * Reads a run's checkpoint and checks that it belongs to the folder's {@code config.json}.
     *
     * @param out the run's folder
     * @return the checkpoint, scoped at its root
     * @throws CheckpointException if it is missing, damaged, or written for another config
     * @throws IOException if a file cannot be read
     */
    static Checkpoint read(Path out) throws IOException {
        Path file = out.resolve(FILE);
        Checkpoint checkpoint = Checkpoint.read(file);
        String config = Files.readString(out.resolve(TrainingRun.CONFIG_FILE), StandardCharsets.UTF_8);
        if (!sameRun(checkpoint.scope("run").getString("config"), config)) {
            throw new CheckpointException(file + " was written for other settings than " + out.resolve(TrainingRun.CONFIG_FILE)
                    + " (the file was edited, or the checkpoint copied from another run): put the original config.json"
                    + " back, or start a new run");
        }
        return checkpoint;
    }

    /** Equal configs, or configs that differ only in their length (a run extended with {@code --episodes}). */
    private static boolean sameRun(String saved, String current) {
        if (saved.equals(current)) {
            return true;
        }
        try {
            RunConfig a = RunConfig.fromJson(saved);
            RunConfig b = RunConfig.fromJson(current);
            return a.withEpisodes(b.episodes()).equals(b);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** @return the episodes the checkpoint's run had played */
    static int episodesDone(Checkpoint checkpoint) {
        return (int) checkpoint.scope("run").getLong("episodes");
    }

    /** @return whether the run that wrote the checkpoint keeps its timing apart (false for older checkpoints) */
    static boolean timingApart(Checkpoint checkpoint) {
        Checkpoint run = checkpoint.scope("run");
        return run.has("timing_apart") && run.getBoolean("timing_apart");
    }

    /**
     * The loop's place, and restores the episode-seed stream and the agent.
     *
     * @param checkpoint what {@link #read} returned
     * @param agent the freshly built agent of the same config
     * @param runRandom the episode-seed stream (restored)
     * @return the loop's place
     * @throws CheckpointException if the agent cannot be checkpointed or an entry is damaged
     */
    static RunCheckpoint restore(Checkpoint checkpoint, Agent agent, RandomStream runRandom) {
        if (!(agent instanceof Checkpointable savable)) {
            throw notCheckpointable(agent);
        }
        Checkpoint run = checkpoint.scope("run");
        double[] values = run.getDoubles("rows");
        int episodes = (int) run.getLong("episodes");
        run.requireLength("rows", values.length, (long) episodes * COLUMNS);
        List<EpisodeRow> rows = new ArrayList<>();
        for (int i = 0; i < episodes; i++) {
            rows.add(row(values, i * COLUMNS));
        }
        RunCheckpoint place = new RunCheckpoint(episodes, run.getLong("steps"), run.getDouble("wall_seconds"), rows);
        savable.restoreState(checkpoint.scope("agent"));
        run.restoreStream("random", runRandom);
        return place;
    }

    /** @return the error for an agent whose state cannot be saved yet */
    static CheckpointException notCheckpointable(Agent agent) {
        return new CheckpointException("the " + agent.getClass().getSimpleName() + " cannot save its state yet, so its"
                + " runs cannot be resumed; runs of " + AgentKind.resumableIds() + " can; start the run again instead");
    }

    private static double[] values(EpisodeRow r) {
        LearnerStats l = r.learner();
        return new double[] {r.episode(), r.envSteps(), r.episodeReturn(), r.modelHoldoutNll(), r.planMillisP50(),
            r.planMillisP99(), r.trainSeconds(), r.wallSeconds(), r.horizon(), l.criticLoss(), l.actorLoss(),
            l.temperature(), l.entropy(), l.updates(), l.imaginedRows(), l.rejectedRows(), l.rolloutLength(),
            l.learnSeconds()};
    }

    private static EpisodeRow row(double[] v, int at) {
        LearnerStats learner = new LearnerStats(v[at + 9], v[at + 10], v[at + 11], v[at + 12], (long) v[at + 13],
                (long) v[at + 14], (long) v[at + 15], (int) v[at + 16], v[at + 17]);
        return new EpisodeRow((int) v[at], (long) v[at + 1], v[at + 2], v[at + 3], v[at + 4], v[at + 5], v[at + 6],
                v[at + 7], (int) v[at + 8], learner);
    }
}
