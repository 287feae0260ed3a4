package dev.foresight.planning;

import dev.foresight.model.DynamicsModel;
import dev.foresight.model.Prediction;

/** A one-member, one-dimensional deterministic ensemble (std 0). */
final class DeterministicModel implements DynamicsModel {
    interface Step {
        void next(float[] obs, float[] action, float[] next);
    }

    private final Step step;

    DeterministicModel(Step step) {
        this.step = step;
    }

    @Override
    public int obsDim() {
        return 1;
    }

    @Override
    public int actionDim() {
        return 1;
    }

    @Override
    public int ensembleSize() {
        return 1;
    }

    @Override
    public boolean predictsReward() {
        return false;
    }

    @Override
    public void predict(float[] obs, float[] action, int n, Prediction out) {
        float[] one = new float[1];
        for (int i = 0; i < n; i++) {
            step.next(new float[] {obs[i]}, new float[] {action[i]}, one);
            out.nextObsMean()[i] = one[0];
            out.nextObsLogVar()[i] = -100f;
            out.nextObsStd()[i] = 0f;
        }
        out.setHasStd(true);
    }

    @Override
    public void close() {
    }
}
