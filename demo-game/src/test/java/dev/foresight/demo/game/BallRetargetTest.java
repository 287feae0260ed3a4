package dev.foresight.demo.game;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.agent.LiveAgent;
import dev.foresight.agent.LivePets;
import dev.foresight.env.StepResult;
import dev.foresight.env.physics.BallTask;
import dev.foresight.env.physics.BuiltInTasks;
import dev.foresight.env.physics.PhysicsEnvironment;
import dev.foresight.onnx.OnnxDynamicsModel;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model-based agent's advantage the ball level shows: with the shipped model, moving the
 * target makes the agent head for the new spot at once, with no retraining.
 */
class BallRetargetTest {
    @TempDir
    Path dir;

    @Test
    void theAgentHeadsForAMovedTargetWithoutRetraining() throws Exception {
        byte[] bytes;
        try (InputStream in = getClass().getResourceAsStream("/" + Level.BALL.modelAsset())) {
            assertNotNull(in, "the shipped ball model is bundled");
            bytes = in.readAllBytes();
        }
        try (PhysicsEnvironment env = BuiltInTasks.environment(BallTask.NAME)) {
            OnnxDynamicsModel model = new OnnxDynamicsModel(bytes, "ball.onnx", 1, OnnxDynamicsModel.Device.CPU);
            LivePets.Settings game = LivePets.Settings.defaults(3);
            // Lock-step (below), so each plan starts from the state it acts in: no latency to compensate.
            LivePets.Settings settings = new LivePets.Settings(game.pets(), game.planBudgetFraction(), game.ortThreads(),
                    game.imaginedCandidates(), false);
            try (LiveAgent agent = LivePets.create(env.spec(), settings, LiveAgent.Mode.PLAN, model, dir)) {
                agent.start(Thread::new);
                BallTask ball = (BallTask) env.task();
                float[] obs = env.reset(11L);
                agent.beginEpisode(obs);
                float[] action = new float[2];
                for (int step = 0; step < 100; step++) {
                    if (step == 40) {
                        // The player clicks: the target jumps to the opposite side of the ball.
                        float x = obs[0] - 3f * Math.signum(obs[4] - obs[0] + 1e-3f);
                        float z = obs[1] - 3f * Math.signum(obs[5] - obs[1] + 1e-3f);
                        ball.setTarget(x, z);
                        obs[4] = x;
                        obs[5] = z;
                        agent.stateChanged(obs);
                    }
                    if (step == 40 || step == 99) {
                        float d = distance(obs);
                        if (step == 40) {
                            assertTrue(d > 3.5f, "the new target is far: " + d);
                            startDistance = d;
                        } else {
                            assertTrue(d < 0.5f * startDistance, "60 steps after the target moved the ball is "
                                    + d + " m from it (it started " + startDistance + " m away)");
                        }
                    }
                    waitForPlan(agent, step);
                    agent.act(obs, action);
                    StepResult result = env.step(action);
                    agent.observe(obs, action, result.reward(), result.observation(), result.terminated(), result.truncated());
                    obs = result.observation();
                }
                assertTrue(agent.status().retrainings() == 0, "no retraining happened");
            }
        }
    }

    private float startDistance;

    private static float distance(float[] obs) {
        return (float) Math.hypot(obs[0] - obs[4], obs[1] - obs[5]);
    }

    /** Lock-step for the test (a game never waits): the plan for this step and state must exist. */
    private static void waitForPlan(LiveAgent agent, int step) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (agent.imagination() == null || agent.imagination().step() != step) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no plan for step " + step);
            }
            Thread.sleep(1);
        }
    }
}
