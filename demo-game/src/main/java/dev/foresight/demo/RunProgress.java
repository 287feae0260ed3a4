package dev.foresight.demo;

import dev.foresight.agent.EpisodeStats;
import dev.foresight.algorithm.EpisodeRow;
import dev.foresight.algorithm.RunListener;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress of a {@code train} run: on a terminal, a progress bar (the kept library
 * {@code me.tongfei:progressbar}) that moves with every environment step — steps of the run,
 * rate, elapsed and remaining time, the last episode's return beside it; otherwise (a log, a
 * pipe) one plain line per episode. A grid world's episodes (up to 100,000 steps) and runs that
 * report whole episodes only count episodes instead of steps.
 *
 * <p>Threading: called on the run's thread.
 */
final class RunProgress implements RunListener, AutoCloseable {
    /** Longer episodes than this count as one unit each (their length says nothing about time left). */
    private static final int MAX_STEPS_FOR_A_STEP_BAR = 10_000;

    private final String task;
    private final int episodes;
    private final boolean terminal;
    private ProgressBar bar;
    /** Steps per unit of the bar's position: the episode length (steps) or 0 (the bar counts episodes). */
    private int episodeSteps;

    /**
     * @param task what runs, e.g. "pets on pendulum"
     * @param episodes the run's length
     */
    RunProgress(String task, int episodes) {
        this(task, episodes, System.console() != null);
    }

    RunProgress(String task, int episodes, boolean terminal) {
        this.task = task;
        this.episodes = episodes;
        this.terminal = terminal;
    }

    @Override
    public void onMessage(String text) {
        if (bar != null) {
            System.err.print("\r\033[2K"); // the bar redraws itself below the message
        }
        System.out.println(text);
    }

    @Override
    public void onStep(int episode, int step, int maxEpisodeSteps) {
        if (!terminal) {
            return;
        }
        if (bar == null) {
            start(episode, maxEpisodeSteps <= MAX_STEPS_FOR_A_STEP_BAR ? maxEpisodeSteps : 0);
        }
        if (episodeSteps > 0) {
            bar.stepTo((long) (episode - 1) * episodeSteps + Math.min(step, episodeSteps));
        }
    }

    @Override
    public void onEpisode(EpisodeRow row, EpisodeStats stats) {
        String text = String.format(Locale.ROOT, "episode %d/%d return=%.2f %s", row.episode(), episodes,
                row.episodeReturn(), describe(stats));
        if (!terminal) {
            System.out.println(text);
            return;
        }
        if (bar == null) {
            start(row.episode(), 0);
        }
        bar.stepTo(episodeSteps > 0 ? (long) row.episode() * episodeSteps : row.episode());
        bar.setExtraMessage(String.format(Locale.ROOT, " return %.1f", row.episodeReturn()));
    }

    private void start(int episode, int stepsPerEpisode) {
        episodeSteps = stepsPerEpisode;
        long unit = stepsPerEpisode > 0 ? stepsPerEpisode : 1;
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(episodes * unit)
                .setUnit(stepsPerEpisode > 0 ? " steps" : " episodes", 1).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250).showSpeed().startsFrom((episode - 1) * unit, Duration.ZERO).build();
    }

    /** @return what the agent did in the episode, e.g. "(planning)" or "(policy; 4000 updates, alpha 0.120)" */
    static String describe(EpisodeStats stats) {
        if (stats.planned()) {
            return "(planning)";
        }
        if (stats.learner().updates() == 0) {
            return "(random)";
        }
        double alpha = stats.learner().temperature();
        return Double.isNaN(alpha) ? String.format(Locale.ROOT, "(policy; %d updates)", stats.learner().updates())
                : String.format(Locale.ROOT, "(policy; %d updates, alpha %.3f)", stats.learner().updates(), alpha);
    }

    /** @return the bar's position (steps or episodes), or -1 before it starts or with no terminal */
    long position() {
        return bar == null ? -1 : bar.getCurrent();
    }

    /** Ends the bar (its last state stays on screen). */
    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
