package dev.foresight.algorithm;

import java.util.Locale;

/**
 * One row of a run's {@code metrics.csv}: {@value #HEADER}. Empty cells where a value does not
 * apply (NaN, or no planning).
 *
 * @param episode 1-based
 * @param envSteps environment steps so far (cumulative)
 * @param episodeReturn the episode's return
 * @param modelHoldoutNll the agent's model's NLL on the episode before learning from it (NaN: none)
 * @param planMillisP50 median planning time in the episode (NaN: none)
 * @param planMillisP99 99th percentile of the planning time (NaN: none)
 * @param trainSeconds time spent learning after the episode
 * @param wallSeconds time since the run started
 * @param horizon the planning horizon used (0: did not plan)
 */
public record EpisodeRow(int episode, long envSteps, double episodeReturn, double modelHoldoutNll, double planMillisP50,
                         double planMillisP99, double trainSeconds, double wallSeconds, int horizon) {
    /** The CSV header, stable across versions. */
    public static final String HEADER =
            "episode,env_steps,return,model_holdout_nll,plan_ms_p50,plan_ms_p99,train_s,wall_s,horizon";

    /** @return the row as CSV (no line end) */
    public String toCsv() {
        return String.format(Locale.ROOT, "%d,%d,%.4f,%s,%s,%s,%.2f,%.2f,%s", episode, envSteps, episodeReturn,
                cell(modelHoldoutNll), cell(planMillisP50), cell(planMillisP99), trainSeconds, wallSeconds,
                horizon > 0 ? Integer.toString(horizon) : "");
    }

    private static String cell(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }
}
