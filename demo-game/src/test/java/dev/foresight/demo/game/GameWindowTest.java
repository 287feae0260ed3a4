package dev.foresight.demo.game;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.demo.ForesightCli;
import dev.foresight.jme.GridWorldView;
import dev.foresight.jme.ImaginedFuturesView;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders a level in a real window — on the display if there is one, else under Xvfb with Mesa
 * ({@code xvfb-run}; CI installs it) — through the real command line in a child JVM, and checks
 * the screenshot: the scene is drawn and the imagined trajectory's colour is in it. Without a
 * display and without xvfb-run the test fails and says what to install: it is never skipped.
 */
class GameWindowTest {
    @TempDir
    Path dir;

    private static List<String> displayPrefix() {
        String display = System.getenv("DISPLAY");
        if (display != null && !display.isBlank()) {
            return List.of();
        }
        for (String folder : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(folder, "xvfb-run"))) {
                return List.of("xvfb-run", "-a", "-s", "-screen 0 1280x720x24");
            }
        }
        throw new AssertionError("no display and no xvfb-run: install it with "
                + "'apt-get install -y xvfb xauth libgl1-mesa-dri libglx-mesa0 libgl1' (the game test needs a window)");
    }

    private Process play(String... args) throws Exception {
        List<String> command = new ArrayList<>(displayPrefix());
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ForesightCli.class.getName());
        command.add("play");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("play.log").toFile());
        builder.environment().put("XDG_RUNTIME_DIR", dir.toString());
        return builder.start();
    }

    @Test
    void aLevelRendersWithTheImaginedFutureDrawn() throws Exception {
        Path png = dir.resolve("pendulum.png");
        Path times = dir.resolve("times.txt");
        Process process = play("--level", "pendulum", "--from-model", "--frames", "100", "--screenshot", png.toString(),
                "--frame-times", times.toString());
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), "the game did not finish within 180 s");
        String log = Files.readString(dir.resolve("play.log"));
        assertEquals(0, process.exitValue(), "play failed:\n" + log);
        assertEquals(100, Files.readAllLines(times).size(), "one frame time per frame");

        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1280, image.getWidth());
        assertEquals(720, image.getHeight());
        int plan = 0;
        int character = 0;
        Set<Integer> colours = new HashSet<>();
        int planRgb = rgb(ImaginedFuturesView.PLAN_COLOR.r, ImaginedFuturesView.PLAN_COLOR.g, ImaginedFuturesView.PLAN_COLOR.b);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int pixel = image.getRGB(x, y) & 0xffffff;
                colours.add(pixel);
                if (close(pixel, planRgb, 12)) {
                    plan++;
                }
                if (isBlueish(pixel)) {
                    character++;
                }
            }
        }
        assertTrue(colours.size() > 50, "the frame is (nearly) blank: " + colours.size() + " colours");
        assertTrue(plan >= 30, "the imagined trajectory's colour covers only " + plan + " pixels\n" + log);
        assertTrue(character >= 200, "the pendulum (blue) covers only " + character + " pixels");
    }

    @Test
    void treeSearchDrawsItsBranchesThickerTheMoreTheyWereVisited() throws Exception {
        Path png = dir.resolve("tree.png");
        Process process = play("--level", "pendulum", "--from-model", "--planner", "mcts", "--seed", "2", "--frames", "40",
                "--screenshot", png.toString());
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), "the game did not finish within 180 s");
        String log = Files.readString(dir.resolve("play.log"));
        assertEquals(0, process.exitValue(), "play failed:\n" + log);
        BufferedImage image = ImageIO.read(png.toFile());
        int branch = 0;
        int plan = 0;
        int planRgb = rgb(ImaginedFuturesView.PLAN_COLOR.r, ImaginedFuturesView.PLAN_COLOR.g, ImaginedFuturesView.PLAN_COLOR.b);
        for (int y = 150; y < image.getHeight() - 50; y++) { // below the HUD, above the caption
            for (int x = 0; x < image.getWidth(); x++) {
                int pixel = image.getRGB(x, y) & 0xffffff;
                int r = pixel >> 16 & 0xff;
                int g = pixel >> 8 & 0xff;
                int b = pixel & 0xff;
                if (b > 150 && g > 120 && b > r + 60 && g > r + 30) { // the branches' light blue over the background
                    branch++;
                }
                if (close(pixel, planRgb, 12)) {
                    plan++;
                }
            }
        }
        assertTrue(branch >= 150, "the searched branches cover only " + branch + " pixels\n" + log);
        assertTrue(plan >= 20, "the chosen branch's markers cover only " + plan + " pixels\n" + log);
    }

    @Test
    void aCorruptModelIsReportedAndTheAgentLearnsLiveInstead() throws Exception {
        Path corrupt = dir.resolve("corrupt.onnx");
        Files.write(corrupt, new byte[] {8, 1, 2, 3, 4, 5, 6, 7});
        Process process = play("--level", "ball", "--model", corrupt.toString(), "--frames", "30");
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), "the game did not finish within 180 s");
        String log = Files.readString(dir.resolve("play.log"));
        assertEquals(0, process.exitValue(), "play failed:\n" + log);
        assertTrue(log.contains("cannot use corrupt.onnx") && log.contains("learning live instead"), log);
        assertTrue(log.contains("frames=30 "), "the frame summary line is printed:\n" + log);
    }

    @Test
    void policyModeSwingsThePendulumUpWithTheShippedPolicy() throws Exception {
        // One 200-step episode is 10 s of game time: 720 frames at the 60 fps cap cover it.
        Process process = play("--level", "pendulum", "--policy", "--frames", "720", "--seed", "3");
        assertTrue(process.waitFor(240, TimeUnit.SECONDS), "the game did not finish within 240 s");
        String log = Files.readString(dir.resolve("play.log"));
        assertEquals(0, process.exitValue(), "play failed:\n" + log);
        java.util.regex.Matcher episode = java.util.regex.Pattern
                .compile("pendulum: episode 1 return (-?[0-9.]+)  \\(POLICY").matcher(log);
        assertTrue(episode.find(), "no episode finished in POLICY mode:\n" + log);
        // A random agent scores about −900 to −1600; the shipped MBPO policy swings the pendulum up.
        assertTrue(Double.parseDouble(episode.group(1)) > -400, log);
    }

    @Test
    void theMazeLevelDrawsValuesAndArrowsAndRacesAsWithoutAWindow() throws Exception {
        Path png = dir.resolve("maze.png");
        Process process = play("--level", "maze", "--speed", "3000", "--seed", "1", "--frames", "150", "--screenshot",
                png.toString());
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), "the game did not finish within 180 s");
        String log = Files.readString(dir.resolve("play.log"));
        assertEquals(0, process.exitValue(), "play failed:\n" + log);

        BufferedImage image = ImageIO.read(png.toFile());
        int arrowRgb = rgb(GridWorldView.ARROW_COLOR.r, GridWorldView.ARROW_COLOR.g, GridWorldView.ARROW_COLOR.b);
        int valueRgb = rgb(GridWorldView.VALUE_COLOR.r, GridWorldView.VALUE_COLOR.g, GridWorldView.VALUE_COLOR.b);
        int arrows = 0;
        int gold = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int pixel = image.getRGB(x, y) & 0xffffff;
                arrows += close(pixel, arrowRgb, 12) ? 1 : 0;
                gold += close(pixel, valueRgb, 12) ? 1 : 0;
            }
        }
        // After ~7,500 steps per agent every maze is learnt: arrows on most of the 4 × 47 free cells,
        // and the cells next to the goal at full value.
        assertTrue(arrows >= 4 * 30 * 40, "the greedy arrows cover only " + arrows + " pixels\n" + log);
        assertTrue(gold >= 4 * 200, "the highest-value cells cover only " + gold + " pixels");

        // The episodes the game printed are the ones a headless race with the same seed plays.
        List<String> printed = log.lines().filter(line -> line.startsWith("maze: dyna-maze episode"))
                .map(line -> line.substring("maze: ".length())).toList();
        assertTrue(printed.size() >= 10, "fewer than 10 episodes finished by every agent:\n" + log);
        MazeRace race = new MazeRace("dyna-maze", 1);
        race.runEpisodes(printed.size());
        assertEquals(race.completedEpisodes(), printed);
    }

    private static int rgb(float r, float g, float b) {
        return (Math.round(r * 255) << 16) | (Math.round(g * 255) << 8) | Math.round(b * 255);
    }

    private static boolean close(int a, int b, int tolerance) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff)) > tolerance) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBlueish(int pixel) {
        int r = (pixel >> 16) & 0xff;
        int g = (pixel >> 8) & 0xff;
        int b = pixel & 0xff;
        return b > 100 && b > r + 40 && b > g + 10;
    }
}
