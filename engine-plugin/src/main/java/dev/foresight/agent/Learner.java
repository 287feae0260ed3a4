package dev.foresight.agent;

import dev.foresight.data.Transitions;
import dev.foresight.model.ensemble.TrainingListener;
import java.io.IOException;

/**
 * The learning half of a {@link LiveAgent}: learns from everything recorded and hands the result
 * to its {@link DecisionMaker} — e.g. {@link ModelUpdater} retrains the dynamics ensemble and hands
 * over the exported ONNX model; later an actor-critic hands over a policy.
 *
 * <p>Threading: {@link #learn} runs on the live agent's trainer thread, one call at a time.
 *
 * @param <U> what it hands over
 */
public interface Learner<U> extends AutoCloseable {
    /**
     * What one round of learning produced.
     *
     * @param update what to hand to the decision-maker (the receiver owns it)
     * @param round 1 for the first round, then 2, 3, …
     * @param validationError held-out error of the round (NaN if not measured)
     * @param <U> the update's type
     */
    record Learned<U>(U update, int round, double validationError) {
    }

    /**
     * @param data every transition recorded (not empty)
     * @param listener progress; throwing from it cancels (not null)
     * @return the round's result
     * @throws IOException if an artefact cannot be written or read back
     */
    Learned<U> learn(Transitions data, TrainingListener listener) throws IOException;

    /**
     * Releases an update that will never be used (e.g. the live agent closed before taking it).
     *
     * @param update the update (not null)
     */
    void discard(U update);

    @Override
    void close();
}
