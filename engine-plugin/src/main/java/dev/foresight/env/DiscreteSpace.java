package dev.foresight.env;

import dev.foresight.util.RandomStream;
import java.util.Objects;

/**
 * One of {@code n} choices, carried as a single float holding the index {@code 0 … n−1} (e.g. the
 * moves of a grid world, or the force levels of a discretised physics task). Its one rule: a value
 * that is not exactly one of those indices (out of range, fractional, NaN, infinite) is refused —
 * never rounded or clipped, because a silently changed discrete action is a different action.
 * Immutable.
 */
public final class DiscreteSpace implements Space {
    private final String name;
    private final String[] choices;

    /**
     * @param name the component's name, e.g. "move" (not null)
     * @param choices a name per choice, e.g. "up", "down" (not null, at least one, unaffected)
     */
    public DiscreteSpace(String name, String... choices) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(choices, "choices");
        if (choices.length == 0) {
            throw new IllegalArgumentException("a discrete space needs at least one choice");
        }
        for (int i = 0; i < choices.length; i++) {
            Objects.requireNonNull(choices[i], "choices[" + i + "]");
        }
        this.name = name;
        this.choices = choices.clone();
    }

    /**
     * @param name the component's name (not null)
     * @param n the number of choices (&ge;1), named "0", "1", …
     * @return the space
     */
    public static DiscreteSpace of(String name, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a discrete space needs n >= 1, got " + n);
        }
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = Integer.toString(i);
        }
        return new DiscreteSpace(name, names);
    }

    /** @return the number of choices n */
    public int n() {
        return choices.length;
    }

    /** @return the name of choice {@code i} */
    public String choice(int i) {
        return choices[i];
    }

    /** @return 1: the index travels as one float */
    @Override
    public int dim() {
        return 1;
    }

    @Override
    public String name(int i) {
        if (i != 0) {
            throw new IndexOutOfBoundsException("a discrete space has one component, asked for " + i);
        }
        return name;
    }

    @Override
    public String[] names() {
        return new String[] {name};
    }

    /**
     * @param value a float offered as a choice
     * @return the index it holds
     * @throws IllegalArgumentException if it is not an integer in {@code [0, n)}
     */
    public int index(String what, float value) {
        if (!(value >= 0 && value < choices.length && value == (int) value)) {
            throw new IllegalArgumentException(what + " ('" + name + "') is " + value + "; pass a whole number from 0 to "
                    + (choices.length - 1) + " (one of " + choices.length + " choices)");
        }
        return (int) value;
    }

    @Override
    public void checkAndClip(String what, float[] source, int sourceOffset, float[] clipped, int clippedOffset) {
        clipped[clippedOffset] = index(what, source[sourceOffset]);
    }

    @Override
    public void neutral(float[] out, int offset) {
        out[offset] = 0f;
    }

    @Override
    public void sample(RandomStream random, float[] out, int offset) {
        out[offset] = random.nextInt(choices.length);
    }

    @Override
    public String toString() {
        return name + " in discrete(" + choices.length + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DiscreteSpace other && name.equals(other.name) && java.util.Arrays.equals(choices, other.choices);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + java.util.Arrays.hashCode(choices);
    }
}
