package dev.foresight.agent;

/**
 * Grows the planning horizon as the model earns it: after each episode, the current model's
 * open-loop error on that episode — data it has not been trained on — is measured for every horizon
 * up to {@code max} ({@link dev.foresight.model.ModelEvaluation#openLoopRmse}, normalised by each
 * dimension's spread), and the planner plans as far ahead as the error stays within
 * {@code maxError}, never less than {@code min}. Before the first model: {@code min}.
 *
 * @param min the shortest horizon (&ge;1)
 * @param max the longest horizon (&ge; min)
 * @param maxError the largest normalised open-loop RMSE trusted (&gt;0), e.g. 0.5 = half the data's spread
 */
public record AdaptiveHorizon(int min, int max, double maxError) {
    public AdaptiveHorizon {
        if (min < 1 || max < min || !(maxError > 0)) {
            throw new IllegalArgumentException("adaptive horizon needs 1 <= min <= max and maxError > 0, got min=" + min
                    + " max=" + max + " maxError=" + maxError);
        }
    }

    /**
     * @param openLoopRmse the error for horizons 1, 2, …, {@code max} (NaN where unmeasured)
     * @return the largest horizon in [min, max] whose error and every shorter one's are within
     *         {@code maxError}, or {@code min}
     */
    public int choose(double[] openLoopRmse) {
        int horizon = 0;
        for (int h = 1; h <= Math.min(max, openLoopRmse.length); h++) {
            if (!(openLoopRmse[h - 1] <= maxError)) {
                break;
            }
            horizon = h;
        }
        return Math.max(min, horizon);
    }

    /**
     * @param text {@code MIN,MAX,ERROR}, e.g. {@code 5,30,0.5}
     * @return the parsed settings
     * @throws IllegalArgumentException naming the expected form
     */
    public static AdaptiveHorizon parse(String text) {
        String[] parts = text.split(",");
        try {
            if (parts.length == 3) {
                return new AdaptiveHorizon(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
                        Double.parseDouble(parts[2].trim()));
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("adaptive horizon must be MIN,MAX,ERROR (e.g. 5,30,0.5), got '" + text + "'");
    }
}
