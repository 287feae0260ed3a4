package dev.foresight.demo;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import dev.foresight.agent.PetsConfig;
import dev.foresight.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Every setting of a {@code train} run, written to {@code config.json} so that the run can be
 * repeated with {@code train --config config.json}.
 *
 * @param env environment name
 * @param agent "pets" or "random"
 * @param episodes episodes to run
 * @param seed the run's seed
 * @param dataset an {@code .npz} dataset to start from, or null
 * @param pets the PETS agent's settings (ignored by the random agent)
 */
record TrainConfig(String env, String agent, int episodes, long seed, String dataset, PetsConfig pets) {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    String toJson() {
        return GSON.toJson(this);
    }

    void save(Path file) throws IOException {
        AtomicFiles.write(file, (toJson() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static TrainConfig load(Path file) throws IOException {
        try {
            TrainConfig config = GSON.fromJson(Files.readString(file), TrainConfig.class);
            if (config == null || config.pets() == null || config.pets().ensemble() == null || config.pets().planner() == null) {
                throw new IOException(file + " lacks settings; write one with 'train' and edit it");
            }
            return config;
        } catch (JsonParseException | IllegalArgumentException e) {
            throw new IOException(file + " is not a valid train config: " + e.getMessage(), e);
        }
    }
}
