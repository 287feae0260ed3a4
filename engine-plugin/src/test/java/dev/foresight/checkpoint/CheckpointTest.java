package dev.foresight.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.data.ReplayBuffer;
import dev.foresight.data.TransitionBatch;
import dev.foresight.util.RandomStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path dir;

    @Test
    void valuesComeBackAsWrittenAndTheSameStateGivesTheSameBytes() throws Exception {
        Checkpoint c = new Checkpoint();
        Checkpoint inner = c.scope("agent").scope("learner");
        inner.putLong("steps", 12345678901L);
        inner.putDouble("alpha", -0.125);
        inner.putFloats("w", new float[] {1f, Float.MIN_VALUE, -3.5f, 9f}, 3);
        inner.putBooleans("done", new boolean[] {true, false, true}, 3);
        inner.putString("name", "pendulum ✓");
        RandomStream stream = new RandomStream(5);
        stream.nextLong();
        inner.putStream("random", stream);
        Path file = dir.resolve("c.zip");
        c.write(file);
        Checkpoint back = Checkpoint.read(file).scope("agent").scope("learner");
        assertEquals(12345678901L, back.getLong("steps"));
        assertEquals(-0.125, back.getDouble("alpha"));
        assertArrayEquals(new float[] {1f, Float.MIN_VALUE, -3.5f}, back.getFloats("w", 3));
        assertArrayEquals(new boolean[] {true, false, true}, back.getBooleans("done"));
        assertEquals("pendulum ✓", back.getString("name"));
        RandomStream restored = new RandomStream(0);
        back.restoreStream("random", restored);
        assertEquals(stream.nextLong(), restored.nextLong());
        assertFalse(back.has("nothing"));

        Path again = dir.resolve("again.zip");
        c.write(again);
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(again));
    }

    @Test
    void problemsNameTheEntryOrTheFile() throws Exception {
        Checkpoint c = new Checkpoint();
        c.putFloats("w", new float[4]);
        Path file = dir.resolve("c.zip");
        c.write(file);
        Checkpoint back = Checkpoint.read(file);
        CheckpointException size = assertThrows(CheckpointException.class, () -> back.getFloats("w", 5));
        assertTrue(size.getMessage().contains("'w' holds 4 values where 5"), size.getMessage());
        CheckpointException missing = assertThrows(CheckpointException.class, () -> back.getLong("steps"));
        assertTrue(missing.getMessage().contains("no entry 'steps'"), missing.getMessage());

        Files.writeString(dir.resolve("text.zip"), "not a zip at all");
        assertThrows(CheckpointException.class, () -> Checkpoint.read(dir.resolve("text.zip")));
        // Damage anywhere is either refused or harmless (zip metadata): never a silently different value.
        byte[] bytes = Files.readAllBytes(file);
        int refused = 0;
        for (int i = 0; i < bytes.length; i++) {
            byte[] damaged = bytes.clone();
            damaged[i] ^= 0x5A;
            Path flipped = dir.resolve("flipped.zip");
            Files.write(flipped, damaged);
            try {
                assertArrayEquals(new float[4], Checkpoint.read(flipped).getFloats("w", 4), "byte " + i);
            } catch (CheckpointException expected) {
                refused++;
            }
        }
        assertTrue(refused > bytes.length / 4, refused + " of " + bytes.length + " damaged copies refused");
        CheckpointException absent = assertThrows(CheckpointException.class, () -> Checkpoint.read(dir.resolve("no.zip")));
        assertTrue(absent.getMessage().contains("does not exist"), absent.getMessage());
    }

    @Test
    void aRestoredBufferSamplesExactlyAsTheSavedOne() throws Exception {
        ReplayBuffer buffer = new ReplayBuffer(7, 2, 1);
        for (int i = 0; i < 11; i++) { // wraps around
            buffer.add(new float[] {i, -i}, new float[] {0.5f * i}, i, new float[] {i + 1, -i - 1}, i % 4 == 0, false);
        }
        Checkpoint c = new Checkpoint();
        buffer.saveState(c.scope("buffer"));
        c.write(dir.resolve("b.zip"));
        ReplayBuffer restored = new ReplayBuffer(7, 2, 1);
        restored.restoreState(Checkpoint.read(dir.resolve("b.zip")).scope("buffer"));
        TransitionBatch a = new TransitionBatch(50, 2, 1);
        TransitionBatch b = new TransitionBatch(50, 2, 1);
        buffer.sampleInto(a, 0, 50, new RandomStream(3));
        restored.sampleInto(b, 0, 50, new RandomStream(3));
        assertArrayEquals(a.obs, b.obs);
        assertArrayEquals(a.reward, b.reward);
        assertArrayEquals(a.terminated, b.terminated);
        assertArrayEquals(buffer.snapshot().obs(), restored.snapshot().obs());
        buffer.add(new float[] {9, 9}, new float[] {1}, 1, new float[] {9, 9}, false, false);
        restored.add(new float[] {9, 9}, new float[] {1}, 1, new float[] {9, 9}, false, false);
        assertArrayEquals(buffer.snapshot().reward(), restored.snapshot().reward());
        ReplayBuffer other = new ReplayBuffer(8, 2, 1);
        assertThrows(CheckpointException.class, () -> other.restoreState(Checkpoint.read(dir.resolve("b.zip")).scope("buffer")));
    }
}
