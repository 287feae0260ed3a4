package dev.foresight.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.util.RandomStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzFilesTest {
    @TempDir
    Path dir;

    static Transitions sample(int n, int obsDim, int actionDim, long seed) {
        RandomStream random = new RandomStream(seed);
        float[] obs = new float[n * obsDim];
        float[] action = new float[n * actionDim];
        float[] reward = new float[n];
        float[] next = new float[n * obsDim];
        boolean[] terminated = new boolean[n];
        boolean[] truncated = new boolean[n];
        for (int i = 0; i < obs.length; i++) {
            obs[i] = (float) random.nextGaussian();
            next[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < action.length; i++) {
            action[i] = (float) random.nextDouble();
        }
        for (int i = 0; i < n; i++) {
            reward[i] = (float) -random.nextDouble();
            truncated[i] = i % 7 == 6;
            terminated[i] = i == n - 1;
        }
        return new Transitions(obsDim, actionDim, obs, action, reward, next, terminated, truncated);
    }

    @Test
    void roundTripKeepsEveryValue() throws IOException {
        Transitions data = sample(50, 3, 2, 1);
        Path file = dir.resolve("data.npz");
        NpzFiles.save(file, data);
        Transitions loaded = NpzFiles.load(file, 3, 2);
        assertEquals(50, loaded.size());
        assertArrayEquals(data.obs(), loaded.obs());
        assertArrayEquals(data.action(), loaded.action());
        assertArrayEquals(data.reward(), loaded.reward());
        assertArrayEquals(data.nextObs(), loaded.nextObs());
        assertArrayEquals(data.terminated(), loaded.terminated());
        assertArrayEquals(data.truncated(), loaded.truncated());
        assertEquals(8, loaded.episodes().size());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void truncatedFileIsAClearErrorAndAnExistingFileSurvivesAFailedWrite() throws IOException {
        Path file = dir.resolve("data.npz");
        NpzFiles.save(file, sample(40, 3, 1, 2));
        byte[] bytes = Files.readAllBytes(file);
        Path broken = dir.resolve("broken.npz");
        Files.write(broken, Arrays.copyOf(bytes, bytes.length / 2));
        IOException e = assertThrows(IOException.class, () -> NpzFiles.load(broken));
        assertTrue(e.getMessage().contains("broken.npz") && e.getMessage().contains("truncated or corrupt"), e.getMessage());

        Path garbage = dir.resolve("garbage.npz");
        Files.writeString(garbage, "this is not a zip file");
        assertThrows(IOException.class, () -> NpzFiles.load(garbage));
        assertThrows(java.nio.file.NoSuchFileException.class, () -> NpzFiles.load(dir.resolve("missing.npz")));
    }

    @Test
    void datasetOfAnotherEnvironmentIsRejectedNamingBothSizes() throws IOException {
        Path file = dir.resolve("data.npz");
        NpzFiles.save(file, sample(10, 5, 1, 3));
        IOException e = assertThrows(IOException.class, () -> NpzFiles.load(file, 3, 1));
        assertTrue(e.getMessage().contains("obs size 5") && e.getMessage().contains("obs size 3"), e.getMessage());
    }

    @Test
    void missingArraysAreNamed() throws IOException {
        Path file = dir.resolve("partial.npz");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("obs.npy"));
            zip.write(new byte[] {1, 2, 3});
            zip.closeEntry();
        }
        IOException e = assertThrows(IOException.class, () -> NpzFiles.load(file));
        assertTrue(e.getMessage().contains("bad magic") || e.getMessage().contains("truncated"), e.getMessage());
    }
}
