package dev.foresight.env;

import dev.foresight.util.RandomStream;


/**
 * The set of values an observation or an action may take, as a flat {@code float[]} of
 * {@link #dim()} values. A small closed family, each kind with one validation/clipping rule
 * stated once (as Unity ML-Agents' {@code ActionSpec} does):
 * <ul>
 *   <li>{@link BoxSpace}: continuous vectors within per-dimension bounds; out-of-bounds components
 *       are clipped, NaN is refused;</li>
 *   <li>{@link DiscreteSpace}: one of {@code n} choices, carried as one float holding the index
 *       {@code 0 … n−1}; anything else (out of range, non-integer, NaN) is refused.</li>
 * </ul>
 * Agents and planners state which kinds they support and refuse the others with
 * {@link #requireBox(String)} / {@link #requireDiscrete(String)}.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface Space permits BoxSpace, DiscreteSpace {
    /** @return floats per vector of this space (&ge;1) */
    int dim();

    /** @return the name of component {@code i} of a vector */
    String name(int i);

    /** @return a copy of the component names, {@code [dim()]} */
    String[] names();

    /**
     * @param what how to call the vector in an error message, e.g. "cartpole action"
     * @param length the length of the vector offered
     * @throws IllegalArgumentException if {@code length != dim()}
     */
    default void checkLength(String what, int length) {
        if (length != dim()) {
            throw new IllegalArgumentException(what + " has length " + length + ", expected " + dim()
                    + " " + java.util.Arrays.toString(names()));
        }
    }

    /**
     * Validates a vector and writes its in-space version: the one rule of this kind of space.
     *
     * @param what how to call the vector in an error message, e.g. "cartpole action"
     * @param source the vector to check (not null, unaffected), {@code dim()} values from {@code sourceOffset}
     * @param sourceOffset index of its first component in {@code source}
     * @param clipped storage for the accepted vector (modified), {@code dim()} values from {@code clippedOffset}
     * @param clippedOffset index of the first component written
     * @throws IllegalArgumentException naming the component and the valid values if the vector is refused
     */
    void checkAndClip(String what, float[] source, int sourceOffset, float[] clipped, int clippedOffset);

    /**
     * Writes the space's neutral vector: the middle of a box (where a side is unbounded, 0 brought into the bounds),
     * choice 0 of a discrete space. What a game applies when an agent's action is refused.
     *
     * @param out storage (modified), {@code dim()} values from {@code offset}
     * @param offset index of the first value written
     */
    void neutral(float[] out, int offset);

    /**
     * Draws a uniformly random vector of the space.
     *
     * @param random the stream (not null; advanced)
     * @param out storage (modified), {@code dim()} values from {@code offset}
     * @param offset index of the first value written
     * @throws IllegalStateException if the space is unbounded
     */
    void sample(RandomStream random, float[] out, int offset);

    /**
     * @param who the agent or planner that needs continuous vectors, for the error message
     * @return this space as a box
     * @throws IllegalArgumentException if it is not a {@link BoxSpace}
     */
    default BoxSpace requireBox(String who) {
        if (this instanceof BoxSpace box) {
            return box;
        }
        throw new IllegalArgumentException(who + " supports continuous (box) spaces only, not " + this
                + "; use an agent for discrete actions");
    }

    /**
     * @param who the agent or planner that needs a discrete space, for the error message
     * @return this space as a discrete space
     * @throws IllegalArgumentException if it is not a {@link DiscreteSpace}
     */
    default DiscreteSpace requireDiscrete(String who) {
        if (this instanceof DiscreteSpace discrete) {
            return discrete;
        }
        throw new IllegalArgumentException(who + " supports discrete spaces only, not the box " + this
                + "; use an agent for continuous actions");
    }
}
