package dev.foresight.search;

import dev.foresight.env.grid.GridMap;
import dev.foresight.env.grid.GridWorld;
import java.util.Objects;

/**
 * The exact model of a deterministic grid world (a "copy of the task", for tests and as the upper
 * bound a learned model is compared with): the moves of {@link GridWorld#MOVES}, reward 1 and the
 * end on entering the goal. Slip is not modelled.
 *
 * <p>Immutable; any thread.
 */
public final class GridSearchModel implements SearchModel {
    private final GridMap map;

    /** @param map the layout (not null) */
    public GridSearchModel(GridMap map) {
        this.map = Objects.requireNonNull(map, "map");
    }

    @Override
    public int stateDim() {
        return 1;
    }

    @Override
    public int actions() {
        return GridWorld.MOVES.length;
    }

    @Override
    public void step(float[] states, int[] actions, int n, float[] next, float[] rewards, boolean[] terminated) {
        for (int i = 0; i < n; i++) {
            int cell = map.next((int) states[i], actions[i]);
            next[i] = cell;
            terminated[i] = cell == map.goal();
            rewards[i] = terminated[i] ? 1f : 0f;
        }
    }
}
