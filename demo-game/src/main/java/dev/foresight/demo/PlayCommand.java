package dev.foresight.demo;

import dev.foresight.agent.EpisodeRunner;
import dev.foresight.agent.MpcPolicy;
import dev.foresight.agent.Policy;
import dev.foresight.agent.PolicyAgent;
import dev.foresight.agent.RandomPolicy;
import dev.foresight.algorithm.Environments;
import dev.foresight.demo.game.ForesightGame;
import dev.foresight.demo.game.GameOptions;
import dev.foresight.demo.game.Level;
import dev.foresight.demo.game.MazeRace;
import dev.foresight.env.physics.BuiltInTasks;
import dev.foresight.env.physics.PhysicsEnvironment;
import dev.foresight.onnx.OnnxDynamicsModel;
import dev.foresight.onnx.OnnxPolicy;
import dev.foresight.planning.PlannerConfig;
import dev.foresight.planning.Planners;
import dev.foresight.search.MctsConfig;
import dev.foresight.search.MctsDecisions;
import dev.foresight.util.Medians;
import dev.foresight.util.RandomStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The default command: opens the game window (the level menu, or {@code --level} directly). With
 * no display it says so in one line and plays the level headless instead (an agent planning with
 * the level's shipped model, {@code models/LEVEL.onnx}, or a random agent without one); automation
 * that needs a window ({@code --screenshot}) fails with exit status 2 instead.
 */
@Command(name = "play", mixinStandardHelpOptions = true,
        description = {"Play (default command): opens the game with its level menu, or --level directly.",
                "Without a display it plays the level headless and says so."})
final class PlayCommand implements Runnable {
    @Option(names = "--level", description = "Level to open directly: pendulum, cartpole, reacher, ball, maze (default: the"
            + " menu; headless: pendulum).")
    String level;

    @Option(names = "--from-model", description = "Start the agent from the level's shipped model instead of from scratch.")
    boolean fromModel;

    @Option(names = "--frames", defaultValue = "0", description = "Render this many frames, then exit (default: until you quit).")
    int frames;

    @Option(names = "--screenshot", description = "Write a PNG of the last frame (needs --frames).")
    Path screenshot;

    @Option(names = "--frame-times", description = "Write one frame time in milliseconds per line.")
    Path frameTimes;

    @Option(names = "--width", defaultValue = "1280", description = "Window width (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "720", description = "Window height (default: ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--fps", defaultValue = "60", description = "Frame-rate cap, 0 for none (default: ${DEFAULT-VALUE}).")
    int fps;

    @Option(names = "--headless", description = "Play without a window even if there is a display.")
    boolean headless;

    @Option(names = "--episodes", defaultValue = "3", description = "Episodes to run headless (default: ${DEFAULT-VALUE}).")
    int episodes;

    @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--model", description = "Start from this dynamics model (implies --from-model; headless: plan with it;"
            + " default: the level's shipped models/LEVEL.onnx).")
    Path model;

    @Option(names = "--policy", description = "Act with the level's shipped policy (models/LEVEL-policy.onnx; POLICY mode:"
            + " no planning, microseconds per action); headless: the same.")
    boolean policy;

    @Option(names = "--planner", description = "Physics levels: the agent's planner preset, e.g. ilqr (default: interactive"
            + " in the game, default when headless; see 'evaluate --help'), or mcts: tree search over a few levels of the"
            + " action (pendulum, cart-pole), the searched branches drawn thicker the more they were visited.")
    String planner;

    @Option(names = "--speed", defaultValue = "30", description = "Maze level: real steps per second made by each agent"
            + " (default: ${DEFAULT-VALUE}; [+] / [-] in the game).")
    float speed;

    @Option(names = "--maze", defaultValue = "dyna-maze", description = "Maze level: the maze to start with, dyna-maze,"
            + " blocking-maze or shortcut-maze (default: ${DEFAULT-VALUE}; [N] in the game).")
    String maze;

    @Option(names = "--wall-after", defaultValue = "0", description = "Maze level: move the walls by themselves once each"
            + " agent has made this many real steps, as in the book's Examples 8.2 and 8.3 (default: 0, only the [W] key).")
    long wallAfter;

    @Override
    public void run() {
        Level chosen = level == null ? null : Level.parse(level);
        GameOptions options = new GameOptions(chosen, fromModel, model, seed, frames, screenshot, frameTimes, width, height, fps,
                policy, speed, maze, wallAfter, planner);
        if (episodes < 1) {
            throw new IllegalArgumentException("--episodes must be >= 1, got " + episodes);
        }
        String noDisplay = headless ? "--headless given" : missingDisplay();
        if (noDisplay == null) {
            try {
                ForesightGame.play(options);
                return;
            } catch (ForesightGame.GameFailure e) {
                if (!e.beforeFirstFrame()) {
                    throw new IllegalStateException("the game failed: " + e.getMessage());
                }
                noDisplay = "could not open a window (" + e.getMessage() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
        }
        if (screenshot != null) {
            throw new IllegalStateException("no display: " + noDisplay + "; --screenshot needs a window (run under xvfb-run -a)");
        }
        playHeadless(chosen == null ? Level.PENDULUM : chosen, noDisplay);
    }

    /** @return why there is no display, or null if there seems to be one */
    private static String missingDisplay() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.contains("linux") && isBlank(System.getenv("DISPLAY")) && isBlank(System.getenv("WAYLAND_DISPLAY"))) {
            return "DISPLAY is not set";
        }
        return null;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private void playHeadless(Level chosen, String why) {
        String id = chosen.id();
        Path file = model != null ? model : Path.of("models", id + ".onnx");
        System.out.println("No display (" + why + "): playing level '" + id + "' headless instead.");
        if (!chosen.physics()) {
            playMazeHeadless();
            return;
        }
        if (policy) {
            playPolicyHeadless(chosen);
            return;
        }
        try (PhysicsEnvironment environment = BuiltInTasks.environment(id);
             OnnxDynamicsModel dynamics = load(file, environment)) {
            Policy policy;
            MpcPolicy mpc = null;
            MctsDecisions searches = null;
            List<Double> searchMillis = new java.util.ArrayList<>();
            if (dynamics != null && GameOptions.TREE_SEARCH.equals(planner)) {
                MctsDecisions tree = new MctsDecisions(environment.spec(), Environments.discreteLevels(id),
                        MctsConfig.interactive(seed + 1), 1);
                tree.accept(dynamics.duplicate());
                float[] plan = new float[1];
                searches = tree;
                policy = (obs, action) -> {
                    long start = System.nanoTime();
                    tree.decide(obs, 0, plan);
                    action[0] = plan[0];
                    searchMillis.add((System.nanoTime() - start) / 1e6);
                };
                System.out.println("The agent searches a tree in " + file + " over the actions "
                        + java.util.Arrays.toString(tree.levels()) + " (" + MctsConfig.interactive(0).simulations()
                        + " simulations per step).");
            } else if (dynamics != null) {
                PlannerConfig settings = planner == null ? PlannerConfig.defaults() : PlannerConfig.named(planner);
                mpc = new MpcPolicy(Planners.create(settings, environment.spec(), dynamics, seed + 1), 0);
                policy = mpc;
                System.out.println("The agent plans with " + file + " (" + settings.optimizer().kind().id()
                        + ", horizon " + settings.horizon() + ").");
            } else {
                policy = new RandomPolicy(environment.spec().actionSpace(), new RandomStream(seed));
                System.out.println("A random agent acts.");
            }
            RandomStream seeds = new RandomStream(seed);
            for (int e = 1; e <= episodes; e++) {
                EpisodeRunner.Episode episode = EpisodeRunner.run(environment, new PolicyAgent(environment.spec(), policy),
                        seeds.nextLong());
                String timing = "";
                if (mpc != null || searches != null) {
                    List<Double> millis = mpc != null ? mpc.drainPlanMillis() : List.copyOf(searchMillis);
                    searchMillis.clear();
                    timing = String.format(Locale.ROOT, "  (planning %.0f ms per step)", Medians.of(millis));
                }
                System.out.printf(Locale.ROOT, "  episode %d/%d  return %.1f%s%n", e, episodes, episode.episodeReturn(), timing);
            }
            if (searches != null) {
                searches.close();
            }
        }
    }

    /** The maze race without pictures: every agent plays {@code --episodes} episodes; a line per episode. */
    private void playMazeHeadless() {
        MazeRace race = new MazeRace(maze, seed, wallAfter);
        System.out.println("Four Dyna agents, each in its own copy of " + race.maze() + (wallAfter > 0
                ? " (the walls move after " + wallAfter + " steps)" : "") + "; steps per episode:");
        race.runEpisodes(episodes);
        race.completedEpisodes().forEach(row -> System.out.println("  " + row));
    }

    /** Acts with the level's shipped policy (bundled in the jar), printing each episode's return and the time per action. */
    private void playPolicyHeadless(Level chosen) {
        String asset = chosen.policyAsset();
        byte[] bytes;
        try (java.io.InputStream in = PlayCommand.class.getResourceAsStream("/" + asset)) {
            if (in == null) {
                throw new IllegalArgumentException("no shipped policy " + asset + " for level '" + chosen.id()
                        + "' (levels with one: pendulum, cart-pole); train your own with 'train --agent mbpo' or"
                        + " 'train --agent simple' and run it with"
                        + " 'evaluate --policy DIR/policy.onnx'");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled " + asset + ": " + e.getMessage(), e);
        }
        try (PhysicsEnvironment environment = BuiltInTasks.environment(chosen.id());
             OnnxPolicy onnx = new OnnxPolicy(bytes, asset, 1)) {
            onnx.requireCompatible(environment.spec());
            System.out.println("The agent acts with " + asset + " (" + onnx.metadata().get("foresight.algorithm")
                    + ", no planning).");
            List<Double> micros = new java.util.ArrayList<>();
            Policy timed = (obs, action) -> {
                long start = System.nanoTime();
                onnx.act(obs, action);
                micros.add((System.nanoTime() - start) / 1e3);
            };
            RandomStream seeds = new RandomStream(seed);
            for (int e = 1; e <= episodes; e++) {
                EpisodeRunner.Episode episode = EpisodeRunner.run(environment, new PolicyAgent(environment.spec(), timed),
                        seeds.nextLong());
                System.out.printf(Locale.ROOT, "  episode %d/%d  return %.1f  (%.1f us per action)%n", e, episodes,
                        episode.episodeReturn(), Medians.of(micros));
                micros.clear();
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot use " + asset + ": " + e.getMessage(), e);
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
