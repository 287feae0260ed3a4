package dev.foresight.demo.bench;

import dev.foresight.env.EnvSpec;
import dev.foresight.env.Environment;
import dev.foresight.env.StepOutcome;
import dev.foresight.env.StepResult;

/**
 * A {@link RawScene} behind the {@link Environment} interface with none of the environment layer's
 * work: no validation, clipping, observation, reward or episode handling, and no allocation (one
 * shared, never-ending result). Stepped by a {@code VectorEnvironment}, it measures raw Minie
 * stepping under the same per-step synchronisation of the threads, which separates the cost of
 * lock-step from the cost of the environment layer. Must be created and used on one thread.
 */
final class LockStepRawEnvironment implements Environment {
    private final RawScene scene;
    private final EnvSpec spec;
    private final float[] observation;
    private final StepResult result;

    LockStepRawEnvironment(String task, long seed) {
        this.scene = new RawScene(task, seed);
        this.spec = scene.spec();
        this.observation = new float[spec.obsDim()];
        this.result = new StepResult(observation, 0f, false, false, false);
    }

    @Override
    public EnvSpec spec() {
        return spec;
    }

    @Override
    public float[] reset(long seed) {
        return observation;
    }

    @Override
    public float[] reset() {
        return observation;
    }

    @Override
    public StepResult step(float[] action) {
        scene.step(action);
        return result;
    }

    @Override
    public void step(float[] action, float[] observationOut, int offset, StepOutcome outcome) {
        scene.step(action);
        outcome.set(0f, false, false, false);
    }

    @Override
    public void close() {
        scene.close();
    }
}
