package dev.foresight.experiments.sweep;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One run of a sweep: its place in the grid and its whole {@code config.json}.
 *
 * @param env the environment
 * @param agent the agent's id, e.g. "pets"
 * @param settings the name of its settings
 * @param seed its seed
 * @param configJson the run's complete config (what {@code train --config} reads)
 */
public record SweepRun(String env, String agent, String settings, long seed, String configJson) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** @return a readable key, e.g. "pendulum__pets__default__seed-1" (a task class name keeps its simple name) */
    public String key() {
        String envName = env.contains(".") ? env.substring(env.lastIndexOf('.') + 1) : env;
        return envName + "__" + agent + "__" + settings + "__seed-" + seed;
    }

    /** @return the first 10 hex digits of the SHA-256 of the config: a changed setting is a new run */
    public String configHash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(configJson.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    /** @return the run's folder name in the sweep: key and config hash */
    public String folderName() {
        return key() + "-" + configHash();
    }
}
