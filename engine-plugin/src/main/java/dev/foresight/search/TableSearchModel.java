package dev.foresight.search;

import dev.foresight.tabular.TableModel;
import java.util.Objects;

/**
 * A learned {@link TableModel} as a search model: a state is the state index as one float; a pair
 * seen before answers its last seen next state, reward and end; a pair never tried is modelled as
 * staying in place with reward 0 (the initial model of Dyna-Q+, Sutton &amp; Barto section 8.3), so
 * the search neither invents nor fears what it has not seen.
 *
 * <p>Reads the live table: what the agent records between searches is used at once. Threading:
 * the thread that updates the table.
 */
public final class TableSearchModel implements SearchModel {
    private final TableModel table;
    private final int actions;

    /**
     * @param table the table model (not null, live)
     * @param actions the number of actions the table was made with
     */
    public TableSearchModel(TableModel table, int actions) {
        this.table = Objects.requireNonNull(table, "table");
        this.actions = actions;
    }

    @Override
    public int stateDim() {
        return 1;
    }

    @Override
    public int actions() {
        return actions;
    }

    @Override
    public void step(float[] states, int[] actionsTaken, int n, float[] next, float[] rewards, boolean[] terminated) {
        for (int i = 0; i < n; i++) {
            int s = (int) states[i];
            int a = actionsTaken[i];
            if (table.tried(s, a)) {
                next[i] = table.next(s, a);
                rewards[i] = table.reward(s, a);
                terminated[i] = table.terminal(s, a);
            } else {
                next[i] = s;
                rewards[i] = 0f;
                terminated[i] = false;
            }
        }
    }
}
