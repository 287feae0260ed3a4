package dev.foresight.env.grid;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The built-in grid worlds: the mazes of Sutton &amp; Barto's chapter 8 (2nd ed., 2018).
 * <ul>
 *   <li>{@code dyna-maze} — Example 8.1 / Figure 8.2: 6 × 9, start (2, 0), goal (0, 8), 7 walls;
 *       47 states, shortest path 14 steps;</li>
 *   <li>{@code dyna-maze-slip} — the same with slip probability 0.2 (stochastic dynamics);</li>
 *   <li>{@code blocking-maze} — Example 8.2 / Figure 8.4: the wall across row 3 leaves a gap at
 *       the right end for the first 1,000 steps, then at the left end;</li>
 *   <li>{@code shortcut-maze} — Example 8.3 / Figure 8.5: the gap at the left end, and after
 *       3,000 steps a second one opens at the right end.</li>
 * </ul>
 * Episodes have no time limit in the book; here they are truncated after 100,000 steps.
 */
public final class Mazes {
    /** Steps after which a maze episode is truncated. */
    public static final int MAX_EPISODE_STEPS = 100_000;

    private static final Map<String, Supplier<GridWorld>> BUILT_IN = new TreeMap<>(Map.of(
            "dyna-maze", () -> new GridWorld("dyna-maze", dynaMaze(), List.of(), 0f, MAX_EPISODE_STEPS),
            "dyna-maze-slip", () -> new GridWorld("dyna-maze-slip", dynaMaze(), List.of(), 0.2f, MAX_EPISODE_STEPS),
            "blocking-maze", () -> new GridWorld("blocking-maze", blocking(false), List.of(new GridWorld.Change(1000,
                    blocking(true))), 0f, MAX_EPISODE_STEPS),
            "shortcut-maze", () -> new GridWorld("shortcut-maze", blocking(true), List.of(new GridWorld.Change(3000,
                    shortcutOpen())), 0f, MAX_EPISODE_STEPS)));

    private Mazes() {
    }

    /** @return the built-in names, sorted */
    public static List<String> names() {
        return List.copyOf(BUILT_IN.keySet());
    }

    /** @return whether {@code name} is a built-in maze */
    public static boolean has(String name) {
        return BUILT_IN.containsKey(name);
    }

    /**
     * @param name a built-in name
     * @return a fresh world
     * @throws IllegalArgumentException naming the built-ins if there is no such maze
     */
    public static GridWorld create(String name) {
        Supplier<GridWorld> factory = BUILT_IN.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown maze '" + name + "'; built in: " + String.join(", ", names()));
        }
        return factory.get();
    }

    /** @return the Dyna maze of Example 8.1 */
    public static GridMap dynaMaze() {
        return GridMap.parse("dyna-maze", List.of(
                ".......#G",
                "..#....#.",
                "S.#....#.",
                "..#......",
                ".....#...",
                "........."));
    }

    /** @return the blocking maze's layout: gap at the left end if {@code gapLeft}, else at the right end */
    private static GridMap blocking(boolean gapLeft) {
        return GridMap.parse(gapLeft ? "blocking-maze (gap left)" : "blocking-maze (gap right)", List.of(
                "........G",
                ".........",
                ".........",
                gapLeft ? ".########" : "########.",
                ".........",
                "...S....."));
    }

    /** @return the shortcut maze after the change: gaps at both ends */
    private static GridMap shortcutOpen() {
        return GridMap.parse("shortcut-maze (both gaps)", List.of(
                "........G",
                ".........",
                ".........",
                ".#######.",
                ".........",
                "...S....."));
    }
}
