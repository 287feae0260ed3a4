package dev.foresight.tabular;

import dev.foresight.data.Transitions;
import java.util.Arrays;

/**
 * Every real transition a tabular agent saw, in order, as growing arrays: what its models are
 * built from, so that saving the log ({@code .npz}, the replay data's format: {@code obs} and
 * {@code next_obs} the state index, {@code action} the action index) and feeding it back rebuilds
 * them exactly — the last-seen table keeps the order, the counts the multiplicities.
 *
 * <p>Not thread-safe.
 */
final class TransitionLog {
    private float[] states = new float[256];
    private float[] actions = new float[256];
    private float[] rewards = new float[256];
    private float[] next = new float[256];
    private boolean[] ended = new boolean[256];
    private int size;

    void add(int s, int a, float r, int sNext, boolean terminal) {
        if (size == states.length) {
            int grown = 2 * size;
            states = Arrays.copyOf(states, grown);
            actions = Arrays.copyOf(actions, grown);
            rewards = Arrays.copyOf(rewards, grown);
            next = Arrays.copyOf(next, grown);
            ended = Arrays.copyOf(ended, grown);
        }
        states[size] = s;
        actions[size] = a;
        rewards[size] = r;
        next[size] = sNext;
        ended[size] = terminal;
        size++;
    }

    int size() {
        return size;
    }

    Transitions toTransitions() {
        return new Transitions(1, 1, Arrays.copyOf(states, size), Arrays.copyOf(actions, size), Arrays.copyOf(rewards, size),
                Arrays.copyOf(next, size), Arrays.copyOf(ended, size), new boolean[size]);
    }
}
