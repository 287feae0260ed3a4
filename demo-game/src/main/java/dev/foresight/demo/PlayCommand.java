package dev.foresight.demo;

import dev.foresight.agent.EpisodeRunner;
import dev.foresight.agent.MpcPolicy;
import dev.foresight.agent.Policy;
import dev.foresight.agent.RandomPolicy;
import dev.foresight.demo.bench.Medians;
import dev.foresight.env.physics.BuiltInTasks;
import dev.foresight.env.physics.PhysicsEnvironment;
import dev.foresight.onnx.OnnxDynamicsModel;
import dev.foresight.planning.PlannerConfig;
import dev.foresight.planning.Planners;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The default command. The windowed game is not built yet; until it is, {@code play} runs the
 * level headless and says so: with the level's shipped model ({@code models/LEVEL.onnx}) an agent
 * plans with it every step; without one (or if it cannot be loaded) a random agent acts.
 */
@Command(name = "play", mixinStandardHelpOptions = true,
        description = {"Play a level (default command). For now it runs headless: an agent plans with the level's",
                "shipped model (models/LEVEL.onnx) if there is one, else a random agent acts."})
final class PlayCommand implements Runnable {
    @Option(names = "--level", defaultValue = "pendulum", description = "Level: pendulum, cartpole, reacher, ball (default: ${DEFAULT-VALUE}).")
    String level;

    @Option(names = "--episodes", defaultValue = "3", description = "Episodes to run headless (default: ${DEFAULT-VALUE}).")
    int episodes;

    @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--model", description = "Dynamics model to plan with (default: models/LEVEL.onnx if present).")
    Path model;

    @Override
    public void run() {
        if (episodes < 1) {
            throw new IllegalArgumentException("--episodes must be >= 1, got " + episodes);
        }
        Path file = model != null ? model : Path.of("models", level + ".onnx");
        try (PhysicsEnvironment environment = BuiltInTasks.environment(level);
             OnnxDynamicsModel dynamics = load(file, environment)) {
            Policy policy;
            MpcPolicy mpc = null;
            if (dynamics != null) {
                mpc = new MpcPolicy(Planners.create(PlannerConfig.defaults(), environment.spec(), dynamics, seed + 1), 0);
                policy = mpc;
                System.out.println("Foresight: no window in this build; playing level '" + level + "' headless."
                        + " The agent plans with " + file + " (CEM, horizon " + PlannerConfig.defaults().horizon() + ").");
            } else {
                policy = new RandomPolicy(environment.spec().actionSpace(), new SplittableRandom(seed));
                System.out.println("Foresight: no window in this build; playing level '" + level + "' headless with a"
                        + " random agent.");
            }
            SplittableRandom seeds = new SplittableRandom(seed);
            for (int e = 1; e <= episodes; e++) {
                EpisodeRunner.Episode episode = EpisodeRunner.run(environment, policy, seeds.nextLong(), null);
                String timing = "";
                if (mpc != null) {
                    List<Double> millis = mpc.drainPlanMillis();
                    timing = String.format(Locale.ROOT, "  (planning %.0f ms per step)", Medians.of(millis));
                }
                System.out.printf(Locale.ROOT, "  episode %d/%d  return %.1f%s%n", e, episodes, episode.episodeReturn(), timing);
            }
        }
    }

    /** @return the model, or null (with one line saying why) if it is missing or unusable */
    private static OnnxDynamicsModel load(Path file, PhysicsEnvironment environment) {
        if (!Files.isRegularFile(file)) {
            System.out.println("(no model at " + file + ")");
            return null;
        }
        try {
            OnnxDynamicsModel loaded = new OnnxDynamicsModel(file);
            try {
                loaded.requireCompatible(environment.spec());
            } catch (IllegalArgumentException e) {
                loaded.close();
                throw e;
            }
            return loaded;
        } catch (IOException | IllegalArgumentException e) {
            System.out.println("(cannot use " + file + ": " + e.getMessage() + "; falling back to a random agent)");
            return null;
        }
    }
}
