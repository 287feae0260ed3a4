package dev.foresight.demo;

import dev.foresight.agent.RandomRollout;
import dev.foresight.env.physics.BuiltInTasks;
import dev.foresight.env.physics.PhysicsEnvironment;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The default command. The windowed game (levels, learning agents, imagined futures) is not built
 * yet; until it is, {@code play} runs the level headless with a random agent and says so.
 */
@Command(name = "play", mixinStandardHelpOptions = true,
        description = "Play a level (default command). For now it runs headless with a random agent.")
final class PlayCommand implements Runnable {
    @Option(names = "--level", defaultValue = "pendulum", description = "Level: pendulum, cartpole, reacher, ball (default: ${DEFAULT-VALUE}).")
    String level;

    @Option(names = "--episodes", defaultValue = "3", description = "Episodes to run headless (default: ${DEFAULT-VALUE}).")
    int episodes;

    @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public void run() {
        if (episodes < 1) {
            throw new IllegalArgumentException("--episodes must be >= 1, got " + episodes);
        }
        try (PhysicsEnvironment environment = BuiltInTasks.environment(level)) {
            System.out.println("Foresight: the windowed game is not available in this build; running level '" + level
                    + "' headless with a random agent (" + episodes + " episodes).");
            int[] episode = {0};
            long steps = (long) episodes * environment.spec().maxEpisodeSteps();
            RandomRollout.Summary summary = RandomRollout.run(environment, steps, seed,
                    r -> System.out.printf(Locale.ROOT, "  episode %d/%d  return %.2f%n", ++episode[0], episodes, r));
            System.out.printf(Locale.ROOT, "done: %d steps of real Minie physics at %.0f steps/s%n",
                    summary.steps(), summary.stepsPerSecond());
        }
    }
}
