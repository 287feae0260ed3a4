package dev.foresight.demo.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Curves over seeds: grouped by label, put on one grid of env steps, mean and spread per point. */
class LearningCurvesTest {
    @Test
    void runsOfOneLabelAreAveragedOnTheStepsTheyShare() {
        LearningCurves.Run a = new LearningCurves.Run("mbpo on pendulum", 1, new double[] {200, 400, 600},
                new double[] {-1000, -500, -200});
        LearningCurves.Run b = new LearningCurves.Run("mbpo on pendulum", 2, new double[] {200, 400},
                new double[] {-800, -300});
        LearningCurves.Run c = new LearningCurves.Run("sac on pendulum", 1, new double[] {200}, new double[] {-1200});
        List<LearningCurves.Summary> summaries = LearningCurves.summarise(List.of(a, b, c));
        assertEquals(2, summaries.size());
        LearningCurves.Summary mbpo = summaries.get(0);
        assertEquals("mbpo on pendulum", mbpo.label());
        assertEquals(2, mbpo.runs());
        assertEquals(200, mbpo.envSteps()[0]);
        assertEquals(400, mbpo.envSteps()[mbpo.envSteps().length - 1], "only as far as every run went");
        assertEquals(-900, mbpo.mean()[0], 1e-9);
        assertEquals(-400, mbpo.finalMean(), 1e-9);
        assertEquals(-500, mbpo.low()[mbpo.low().length - 1], 1e-9);
        assertEquals(-300, mbpo.high()[mbpo.high().length - 1], 1e-9);
        LearningCurves.Summary sac = summaries.get(1);
        assertArrayEquals(new double[] {200}, sac.envSteps());
        assertEquals(-1200, sac.finalMean(), 1e-9);
    }

    @Test
    void runsWithOtherSettingsAreNotAveragedTogether() {
        double[] steps = {200};
        List<LearningCurves.Summary> summaries = LearningCurves.summarise(List.of(
                new LearningCurves.Run("mbpo on pendulum", 1, steps, new double[] {-100}, "G=20"),
                new LearningCurves.Run("mbpo on pendulum", 2, steps, new double[] {-300}, "G=20"),
                new LearningCurves.Run("mbpo on pendulum", 1, steps, new double[] {-900}, "G=5")));
        assertEquals(2, summaries.size());
        assertEquals("mbpo on pendulum (settings 1)", summaries.get(0).label());
        assertEquals(-200, summaries.get(0).finalMean(), 1e-9);
        assertEquals("mbpo on pendulum (settings 2)", summaries.get(1).label());
        assertEquals(1, summaries.get(1).runs());
    }

    @Test
    void interpolationIsLinearAndClampedAtTheEnds() {
        double[] x = {100, 300};
        double[] y = {0, 10};
        assertEquals(5, LearningCurves.interpolate(x, y, 200), 1e-12);
        assertEquals(0, LearningCurves.interpolate(x, y, 50), 1e-12);
        assertEquals(10, LearningCurves.interpolate(x, y, 900), 1e-12);
    }
}
