package dev.foresight.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.util.RandomStream;
import org.junit.jupiter.api.Test;

/** One validation rule per kind of space, stated once. */
class SpacesTest {
    private static final DiscreteSpace MOVES = new DiscreteSpace("move", "up", "down", "left", "right");

    @Test
    void aDiscreteSpaceAcceptsExactlyItsIndices() {
        float[] out = new float[1];
        for (int i = 0; i < 4; i++) {
            MOVES.checkAndClip("maze action", new float[] {i}, 0, out, 0);
            assertEquals(i, out[0]);
        }
        assertEquals(1, MOVES.dim());
        assertEquals("right", MOVES.choice(3));
    }

    @Test
    void aDiscreteSpaceRefusesOutOfRangeAndNonIntegerActionsClearly() {
        float[] out = new float[1];
        for (float bad : new float[] {-1f, 4f, 1.5f, 0.999f, Float.NaN, Float.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> MOVES.checkAndClip("maze action", new float[] {bad}, 0, out, 0), "value " + bad);
            assertTrue(e.getMessage().contains("maze action") && e.getMessage().contains("'move'")
                    && e.getMessage().contains("whole number from 0 to 3"), e.getMessage());
        }
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> MOVES.checkLength("maze action", 2));
        assertTrue(length.getMessage().contains("length 2, expected 1"), length.getMessage());
    }

    @Test
    void aBoxClipsAndRefusesNaN() {
        BoxSpace box = new BoxSpace(new String[] {"a", "b"}, new float[] {-1f, 0f}, new float[] {1f, 4f});
        float[] out = new float[2];
        box.checkAndClip("arm action", new float[] {3f, -2f}, 0, out, 0);
        assertArrayEquals(new float[] {1f, 0f}, out);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> box.checkAndClip("arm action", new float[] {0f, Float.NaN}, 0, out, 0));
        assertTrue(e.getMessage().contains("component 1 ('b') is NaN"), e.getMessage());
        assertArrayEquals(new float[] {0f, 2f}, box.centre());
        float[] neutral = new float[2];
        BoxSpace.unbounded("x", "y").neutral(neutral, 0);
        assertArrayEquals(new float[] {0f, 0f}, neutral, "an unbounded dimension's neutral value is 0");
    }

    @Test
    void samplingStaysInTheSpaceAndIsSeeded() {
        float[] a = new float[1];
        float[] b = new float[1];
        RandomStream first = new RandomStream(3);
        RandomStream second = new RandomStream(3);
        boolean[] seen = new boolean[4];
        for (int i = 0; i < 200; i++) {
            MOVES.sample(first, a, 0);
            MOVES.sample(second, b, 0);
            assertEquals(a[0], b[0]);
            seen[(int) a[0]] = true;
        }
        assertArrayEquals(new boolean[] {true, true, true, true}, seen);
    }

    @Test
    void agentsAndPlannersRefuseTheWrongKindOfSpaceByName() {
        EnvSpec maze = new EnvSpec("maze", DiscreteSpace.of("cell", 47), MOVES, 100, 1f,
                (obs, action, next, batch, rewards) -> { }, TerminationFunction.NEVER);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> maze.continuousActions("PETS"));
        assertTrue(e.getMessage().startsWith("maze: PETS supports continuous (box) spaces only"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BoxSpace.symmetric(1f, "u").requireDiscrete("Dyna-Q"));
    }
}
