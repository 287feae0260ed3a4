package dev.foresight.util;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded, lock-free queue of non-negative ints between exactly one producer thread and one
 * consumer thread (a ring buffer; Lamport's single-producer single-consumer queue). Writes the
 * producer makes before {@link #offer} are visible to the consumer once {@link #poll} returns the
 * value. Neither side ever blocks or allocates; each reads the other's index only when its cached
 * copy says the queue is empty (consumer) or full (producer).
 */
public final class SpscIntQueue {
    /** What {@link #poll} returns when the queue is empty. */
    public static final int EMPTY = -1;

    private final int[] slots;
    private final int mask;
    /** Next slot to read; written only by the consumer. */
    private final AtomicLong head = new AtomicLong();
    /** Next slot to write; written only by the producer. */
    private final AtomicLong tail = new AtomicLong();
    /**
     * Each side's last look at the other side's index (producer: head; consumer: tail), so that
     * it reads the other core's cache line only when the cached value no longer suffices.
     */
    private long headSeenByProducer;
    private long tailSeenByConsumer;

    /**
     * @param minCapacity the most values the queue must hold at once (&ge;1; rounded up to a power of two)
     */
    public SpscIntQueue(int minCapacity) {
        if (minCapacity < 1 || minCapacity > 1 << 30) {
            throw new IllegalArgumentException("capacity must be in [1, 2^30], got " + minCapacity);
        }
        int capacity = Integer.highestOneBit(minCapacity);
        if (capacity < minCapacity) {
            capacity <<= 1;
        }
        this.slots = new int[capacity];
        this.mask = capacity - 1;
    }

    /**
     * Appends a value (producer's thread only).
     *
     * @param value the value (&ge;0)
     * @return false if the queue was full (nothing was added)
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public boolean offer(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("values must be >= 0, got " + value);
        }
        long t = tail.getPlain();
        if (t - headSeenByProducer == slots.length) {
            headSeenByProducer = head.getAcquire();
            if (t - headSeenByProducer == slots.length) {
                return false;
            }
        }
        slots[(int) (t & mask)] = value;
        tail.setRelease(t + 1);
        return true;
    }

    /**
     * Takes the oldest value (consumer's thread only).
     *
     * @return the value, or {@link #EMPTY} if there is none
     */
    public int poll() {
        long h = head.getPlain();
        if (h == tailSeenByConsumer) {
            tailSeenByConsumer = tail.getAcquire();
            if (h == tailSeenByConsumer) {
                return EMPTY;
            }
        }
        int value = slots[(int) (h & mask)];
        head.setRelease(h + 1);
        return value;
    }

    /** @return whether the queue looks empty (exact on the consumer's thread for its own reads) */
    public boolean isEmpty() {
        return head.getAcquire() == tail.getAcquire();
    }
}
