package dev.foresight.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line as a user runs it (in-process). */
class ForesightCliTest {
    private static final Pattern ROLLOUT_LAST_LINE =
            Pattern.compile("steps=(\\d+) return=(-?[0-9.]+) obs_sha256=([0-9a-f]{64}) steps_per_s=(\\d+)");

    record Run(int exitCode, String out, String err) {
        String lastLine() {
            String[] lines = out.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    static Run run(String... args) {
        PrintStream originalOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try (PrintStream capture = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            CommandLine commandLine = ForesightCli.newCommandLine();
            commandLine.setErr(new PrintWriter(err, true));
            int code = commandLine.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(originalOut);
        }
    }

    @Test
    void envsListsEveryBuiltInEnvironmentWithItsSizes() {
        Run run = run("envs");
        assertEquals(0, run.exitCode());
        for (String line : new String[] {"pendulum +obs=3 +act=1 episode_steps=200", "cartpole +obs=5 +act=1 episode_steps=200",
                "reacher +obs=10 +act=2 episode_steps=100", "ball +obs=6 +act=2 episode_steps=200",
                "cartpole-balance +obs=5 +act=1 episode_steps=500", "cartpole-discrete +obs=5 +act=1 episode_steps=200",
                "pendulum-discrete +obs=3 +act=1 episode_steps=200", "dyna-maze +obs=1 +act=1 episode_steps=100000"}) {
            assertTrue(java.util.regex.Pattern.compile("(?m)^" + line + " ").matcher(run.out()).find(), line + " in\n" + run.out());
        }
    }

    @Test
    void rolloutEndsWithTheDocumentedLineAndIsReproducible() {
        Run a = run("rollout", "--env", "cartpole", "--steps", "450", "--seed", "7");
        Run b = run("rollout", "--env", "cartpole", "--steps", "450", "--seed", "7");
        Run c = run("rollout", "--env", "cartpole", "--steps", "450", "--seed", "8");
        Matcher ma = ROLLOUT_LAST_LINE.matcher(a.lastLine());
        Matcher mb = ROLLOUT_LAST_LINE.matcher(b.lastLine());
        Matcher mc = ROLLOUT_LAST_LINE.matcher(c.lastLine());
        assertTrue(ma.matches(), a.lastLine());
        assertTrue(mb.matches() && mc.matches());
        assertEquals("450", ma.group(1));
        assertEquals(ma.group(3), mb.group(3));
        assertEquals(ma.group(2), mb.group(2));
        assertNotEquals(ma.group(3), mc.group(3));
        assertTrue(a.out().contains("episode 2 return="), a.out());
    }

    @Test
    void unknownEnvironmentExitsNonZeroListingTheKnownOnes() {
        Run run = run("rollout", "--env", "no-such-env", "--steps", "10");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("error: unknown environment 'no-such-env'"), run.err());
        assertTrue(run.err().contains("pendulum, cartpole, reacher, ball"), run.err());
        assertTrue(!run.err().contains("\tat "), "no stack trace: " + run.err());
    }

    @Test
    void badOptionValuesAreClearErrors() {
        assertEquals(2, run("rollout", "--env", "pendulum", "--steps", "-5").exitCode());
        Run notANumber = run("rollout", "--env", "pendulum", "--steps", "many");
        assertEquals(2, notANumber.exitCode());
        assertTrue(notANumber.err().contains("--steps"), notANumber.err());
    }

    @Test
    void benchPrintsRatiosForTheRequestedTask() {
        Run run = run("bench", "--env", "ball", "--seconds", "0.05", "--repeats", "1", "--scenes", "4");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.lastLine().matches(
                "min_single_ratio=[0-9.]+ min_async_vector_ratio=[0-9.]+ min_sync_vector_ratio=[0-9.]+"), run.lastLine());
    }

    @Test
    void playPlansWithTheShippedModel() {
        Run run = run("play", "--episodes", "1", "--model", "../models/pendulum.onnx");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("plans with ../models/pendulum.onnx"), run.out());
        Matcher episode = Pattern.compile("episode 1/1  return (-?[0-9.]+)").matcher(run.out());
        assertTrue(episode.find(), run.out());
        // A random agent scores about −900 to −1600 here; planning with the model swings the pendulum up.
        assertTrue(Double.parseDouble(episode.group(1)) > -400, run.out());
    }

    @Test
    void playRunsHeadlessAndSaysSo() {
        Run run = run("play", "--episodes", "1");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("headless"), run.out());
        assertTrue(run.out().contains("episode 1/1"), run.out());
    }

    @Test
    void theMazeLevelRacesHeadless() {
        Run run = run("play", "--headless", "--level", "maze", "--episodes", "3", "--seed", "2");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("headless"), run.out());
        assertTrue(run.out().contains("dyna-maze episode 3 steps: Q-learning (n=0) "), run.out());
        assertEquals(run.out(), run("play", "--headless", "--level", "maze", "--episodes", "3", "--seed", "2").out(),
                "same seed, same race");
    }

    @Test
    void playActsWithTheShippedPolicyHeadless() {
        Run run = run("play", "--headless", "--policy", "--level", "pendulum", "--episodes", "2", "--seed", "5");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("acts with models/pendulum-policy.onnx (mbpo, no planning)"), run.out());
        Matcher episode = Pattern.compile("episode [12]/2  return (-?[0-9.]+)").matcher(run.out());
        int found = 0;
        while (episode.find()) {
            found++;
            // A random agent scores about −900 to −1600; the shipped MBPO policy swings the pendulum up.
            assertTrue(Double.parseDouble(episode.group(1)) > -400, run.out());
        }
        assertEquals(2, found, run.out());
        Run none = run("play", "--headless", "--policy", "--level", "ball", "--episodes", "1");
        assertEquals(2, none.exitCode(), none.out());
        assertTrue(none.err().contains("no shipped policy models/ball-policy.onnx"), none.err());
    }
}
