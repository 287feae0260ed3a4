package dev.foresight.agent;

import dev.foresight.env.Environment;
import dev.foresight.env.StepResult;
import dev.foresight.util.RandomStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * Runs an environment under uniformly random actions for a fixed number of steps, resetting at
 * episode ends, and fingerprints every observation so that two runs can be compared bit for bit.
 *
 * <p>Seeding: the environment is reset with {@code seed} (later episodes continue its stream) and
 * actions are drawn from a stream split off {@code new RandomStream(seed)}.
 */
public final class RandomRollout {
    private RandomRollout() {
    }

    /**
     * What a rollout produced.
     *
     * @param steps control steps taken
     * @param episodes episodes finished (terminated or truncated)
     * @param totalReward sum of all rewards
     * @param obsSha256 SHA-256 (hex) of every observation float in order — the reset observations
     *                  included — as little-endian IEEE-754 bits
     * @param seconds wall-clock time of the stepping (in seconds)
     */
    public record Summary(long steps, int episodes, double totalReward, String obsSha256, double seconds) {
        /** @return control steps per wall-clock second */
        public double stepsPerSecond() {
            return seconds > 0 ? steps / seconds : Double.POSITIVE_INFINITY;
        }
    }

    /**
     * @param env the environment, used on the calling thread (not null)
     * @param steps control steps to take (&ge;0)
     * @param seed the seed of the environment and the actions
     * @param onEpisodeEnd receives each finished episode's return (may be null)
     * @return the summary (not null)
     */
    public static Summary run(Environment env, long steps, long seed, Consumer<Double> onEpisodeEnd) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        RandomPolicy policy = new RandomPolicy(env.spec().actionSpace(), new RandomStream(seed).split());
        float[] action = new float[env.spec().actionDim()];
        ByteBuffer bytes = ByteBuffer.allocate(4 * env.spec().obsDim()).order(ByteOrder.LITTLE_ENDIAN);
        MessageDigest digest = sha256();
        long start = System.nanoTime();
        float[] obs = env.reset(seed);
        digest(digest, bytes, obs);
        double total = 0;
        double episodeReturn = 0;
        int episodes = 0;
        for (long step = 0; step < steps; step++) {
            policy.act(obs, action);
            StepResult result = env.step(action);
            obs = result.observation();
            digest(digest, bytes, obs);
            total += result.reward();
            episodeReturn += result.reward();
            if (result.done()) {
                episodes++;
                if (onEpisodeEnd != null) {
                    onEpisodeEnd.accept(episodeReturn);
                }
                episodeReturn = 0;
                if (step + 1 < steps) {
                    obs = env.reset();
                    digest(digest, bytes, obs);
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Summary(steps, episodes, total, HexFormat.of().formatHex(digest.digest()), seconds);
    }

    private static void digest(MessageDigest digest, ByteBuffer bytes, float[] observation) {
        bytes.clear();
        for (float v : observation) {
            bytes.putFloat(v);
        }
        digest.update(bytes.array(), 0, bytes.position());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
