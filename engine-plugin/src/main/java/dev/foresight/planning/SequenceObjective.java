package dev.foresight.planning;

/** Scores candidate action sequences; higher is better. Not required to be thread-safe. */
@FunctionalInterface
public interface SequenceObjective {
    /**
     * @param sequences {@code [population × horizon × actionDim]} (unaffected)
     * @param population number of candidates (&ge;1)
     * @param scores storage for one score per candidate, {@code [population]} (modified); a
     *               candidate that cannot be scored gets {@link Float#NEGATIVE_INFINITY}
     */
    void evaluate(float[] sequences, int population, float[] scores);
}
