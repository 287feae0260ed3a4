package dev.foresight.tabular;

import java.util.Arrays;

/**
 * The priority queue of prioritized sweeping (Moore &amp; Atkeson 1993; Sutton &amp; Barto section
 * 8.4): state–action pairs by priority, highest first, each pair at most once — inserting a pair
 * already queued keeps the higher of its two priorities. An indexed binary max-heap: O(log n)
 * insert and pop, no allocation. Ties go to the lower pair index (deterministic).
 *
 * <p>Not thread-safe.
 */
public final class PairQueue {
    private final int[] heap;
    private final float[] priority;
    private final int[] position;
    private int size;

    /** @param pairs the number of distinct pairs, S × A (&ge;1) */
    public PairQueue(int pairs) {
        this.heap = new int[pairs];
        this.priority = new float[pairs];
        this.position = new int[pairs];
        Arrays.fill(position, -1);
    }

    /** @return queued pairs */
    public int size() {
        return size;
    }

    /** @return whether nothing is queued */
    public boolean isEmpty() {
        return size == 0;
    }

    /** Queues {@code pair} with {@code p}, or raises its priority to {@code p} if it is queued lower. */
    public void insert(int pair, float p) {
        int at = position[pair];
        if (at >= 0) {
            if (p > priority[pair]) {
                priority[pair] = p;
                up(at);
            }
            return;
        }
        priority[pair] = p;
        heap[size] = pair;
        position[pair] = size;
        up(size++);
    }

    /** @return the pair of highest priority, removed from the queue (call only when not empty) */
    public int pop() {
        int top = heap[0];
        position[top] = -1;
        size--;
        if (size > 0) {
            heap[0] = heap[size];
            position[heap[0]] = 0;
            down(0);
        }
        return top;
    }

    private boolean before(int a, int b) {
        return priority[a] > priority[b] || (priority[a] == priority[b] && a < b);
    }

    private void up(int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!before(heap[i], heap[parent])) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void down(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int best = left + 1 < size && before(heap[left + 1], heap[left]) ? left + 1 : left;
            if (!before(heap[best], heap[i])) {
                return;
            }
            swap(i, best);
            i = best;
        }
    }

    private void swap(int i, int j) {
        int t = heap[i];
        heap[i] = heap[j];
        heap[j] = t;
        position[heap[i]] = i;
        position[heap[j]] = j;
    }
}
