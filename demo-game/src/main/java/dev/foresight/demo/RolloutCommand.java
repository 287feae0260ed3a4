package dev.foresight.demo;

import dev.foresight.agent.RandomRollout;
import dev.foresight.env.physics.PhysicsTasks;
import dev.foresight.env.physics.PhysicsEnvironment;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs seeded random actions in an environment. The last line is exactly
 * {@code steps=N return=R obs_sha256=HEX steps_per_s=X}, where R is the sum of all rewards.
 */
@Command(name = "rollout", mixinStandardHelpOptions = true,
        description = {"Run uniformly random (seeded) actions, resetting at episode ends.",
                "Prints each episode's return, then: steps=N return=R obs_sha256=HEX steps_per_s=X",
                "(R: sum of all rewards; the hash covers every observation float in order)."})
final class RolloutCommand implements Runnable {
    @Mixin
    EnvOption envOption;

    @Option(names = "--steps", defaultValue = "1000", description = "Control steps (default: ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the scene and the actions (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public void run() {
        if (steps < 0) {
            throw new IllegalArgumentException("--steps must be >= 0, got " + steps);
        }
        try (PhysicsEnvironment environment = PhysicsTasks.environment(envOption.env)) {
            int[] episode = {0};
            RandomRollout.Summary summary = RandomRollout.run(environment, steps, seed,
                    episodeReturn -> System.out.printf(Locale.ROOT, "episode %d return=%.4f%n", ++episode[0], episodeReturn));
            System.out.printf(Locale.ROOT, "steps=%d return=%.6f obs_sha256=%s steps_per_s=%.0f%n",
                    summary.steps(), summary.totalReward(), summary.obsSha256(), summary.stepsPerSecond());
        }
    }
}
