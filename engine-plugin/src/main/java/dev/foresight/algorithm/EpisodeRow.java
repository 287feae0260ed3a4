package dev.foresight.algorithm;

import dev.foresight.agent.LearnerStats;
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
 * @param trainSeconds time spent learning during and after the episode
 * @param wallSeconds time since the run started
 * @param horizon the planning horizon used (0: did not plan)
 * @param learner what a policy learner did ({@link LearnerStats#NONE}: none; its cells are then empty)
 */
public record EpisodeRow(int episode, long envSteps, double episodeReturn, double modelHoldoutNll, double planMillisP50,
                         double planMillisP99, double trainSeconds, double wallSeconds, int horizon,
                         LearnerStats learner) {
    /** The CSV header: the first nine columns are stable across versions, the learner's follow. */
    public static final String HEADER =
            "episode,env_steps,return,model_holdout_nll,plan_ms_p50,plan_ms_p99,train_s,wall_s,horizon,"
                    + "critic_loss,actor_loss,temperature,policy_entropy,updates,imagined_rows,rejected_rows,rollout_length";

    /** A row without a policy learner. */
    public EpisodeRow(int episode, long envSteps, double episodeReturn, double modelHoldoutNll, double planMillisP50,
                      double planMillisP99, double trainSeconds, double wallSeconds, int horizon) {
        this(episode, envSteps, episodeReturn, modelHoldoutNll, planMillisP50, planMillisP99, trainSeconds, wallSeconds,
                horizon, LearnerStats.NONE);
    }

    /** @return the row as CSV (no line end) */
    public String toCsv() {
        return toCsv(true);
    }

    /**
     * @param withTiming false: leave the timing cells (plan_ms_p50, plan_ms_p99, train_s, wall_s) empty
     * @return the row as CSV (no line end)
     */
    public String toCsv(boolean withTiming) {
        String base = String.format(Locale.ROOT, "%d,%d,%.4f,%s,%s,%s,%s,%s,%s", episode, envSteps, episodeReturn,
                cell(modelHoldoutNll), withTiming ? cell(planMillisP50) : "", withTiming ? cell(planMillisP99) : "",
                withTiming ? String.format(Locale.ROOT, "%.2f", trainSeconds) : "",
                withTiming ? String.format(Locale.ROOT, "%.2f", wallSeconds) : "", horizon > 0 ? Integer.toString(horizon) : "");
        if (learner.updates() == 0 && learner.imaginedRows() == 0) {
            return base + ",,,,,,,,";
        }
        return base + String.format(Locale.ROOT, ",%s,%s,%s,%s,%d,%d,%d,%s", cell(learner.criticLoss()),
                cell(learner.actorLoss()), cell(learner.temperature()), cell(learner.entropy()), learner.updates(),
                learner.imaginedRows(), learner.rejectedRows(), learner.rolloutLength() > 0
                        ? Integer.toString(learner.rolloutLength()) : "");
    }

    /** @return the timing cells as CSV: {@code episode,plan_ms_p50,plan_ms_p99,train_s,wall_s} (no line end) */
    public String timingCsv() {
        return String.format(Locale.ROOT, "%d,%s,%s,%.2f,%.2f", episode, cell(planMillisP50), cell(planMillisP99),
                trainSeconds, wallSeconds);
    }

    private static String cell(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }
}
