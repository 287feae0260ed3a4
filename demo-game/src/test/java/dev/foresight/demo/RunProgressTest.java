package dev.foresight.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.foresight.agent.EpisodeStats;
import dev.foresight.algorithm.EpisodeRow;
import org.junit.jupiter.api.Test;

/** The train command's progress bar: where it stands after steps and episodes. */
class RunProgressTest {
    private static EpisodeRow episode(int e, long steps) {
        return new EpisodeRow(e, steps, -100, Double.NaN, Double.NaN, Double.NaN, 0, 1, 0);
    }

    @Test
    void theBarMovesWithEveryStepAndJumpsToTheEpisodesEndWhenItEndsEarly() {
        try (RunProgress progress = new RunProgress("pets on pendulum", 3, true)) {
            assertEquals(-1, progress.position());
            progress.onStep(1, 50, 200);
            assertEquals(50, progress.position());
            progress.onStep(1, 120, 200);
            progress.onEpisode(episode(1, 120), EpisodeStats.NONE); // terminated at step 120
            assertEquals(200, progress.position());
            progress.onStep(2, 10, 200);
            assertEquals(210, progress.position());
        }
    }

    @Test
    void aResumedRunStartsWhereItStoppedAndLongEpisodesCountAsOne() {
        try (RunProgress resumed = new RunProgress("sac on cartpole", 10, true)) {
            resumed.onStep(4, 1, 200);
            assertEquals(601, resumed.position());
        }
        try (RunProgress maze = new RunProgress("dyna-q on dyna-maze", 30, true)) {
            maze.onStep(1, 500, 100_000);
            assertEquals(0, maze.position());
            maze.onEpisode(episode(1, 900), EpisodeStats.NONE);
            assertEquals(1, maze.position());
        }
        try (RunProgress log = new RunProgress("random on ball", 2, false)) {
            log.onStep(1, 5, 200);
            log.onEpisode(episode(1, 200), EpisodeStats.NONE);
            assertEquals(-1, log.position(), "no bar when stdout is not a terminal: plain lines");
        }
    }
}
