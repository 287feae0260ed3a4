package dev.foresight.env.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.bullet.collision.PhysicsCollisionObject;
import com.jme3.bullet.joints.PhysicsJoint;
import com.jme3.math.Vector3f;
import dev.foresight.env.EnvSpec;
import dev.foresight.env.StepResult;
import dev.foresight.util.RandomStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each built-in scene responds to its actions the way its Javadoc says, and blow-ups are contained. */
class TaskPhysicsTest {
    @Test
    void cartpoleCartFollowsTheForceAndTheRailHoldsIt() {
        try (PhysicsEnvironment env = BuiltInTasks.environment("cartpole")) {
            float[] obs = env.reset(0);
            assertEquals(-1f, obs[2], 0.01f, "pole starts hanging down");
            obs = env.step(new float[] {1f}).observation();
            assertTrue(obs[1] > 0.5f, "cart velocity after a push: " + obs[1]);
            float maxX = 0;
            for (int step = 1; step < 200; step++) {
                obs = env.step(new float[] {1f}).observation();
                maxX = Math.max(maxX, obs[0]);
            }
            assertTrue(maxX > 2.5f && maxX < CartpoleTask.RAIL_HALF_LENGTH + 0.1f, "cart x peaked at " + maxX);
        }
    }

    @Test
    void cartpoleRewardIsHighestUpright() {
        float[] upright = {0f, 0f, 1f, 0f, 0f};
        float[] hanging = {0f, 0f, -1f, 0f, 0f};
        float[] rewards = new float[2];
        float[] next = new float[10];
        System.arraycopy(upright, 0, next, 0, 5);
        System.arraycopy(hanging, 0, next, 5, 5);
        CartpoleTask.reward(next, new float[2], next, 2, rewards);
        assertEquals(1f, rewards[0], 1e-6f);
        assertEquals((float) Math.exp(-4), rewards[1], 1e-6f);
    }

    @Test
    void reacherTipStartsStretchedOutAndTheShoulderTurnsWithTorque() {
        try (PhysicsEnvironment env = BuiltInTasks.environment("reacher")) {
            float[] obs = env.reset(4);
            float tipX = obs[8] + obs[4];
            float tipY = obs[9] + obs[5];
            assertEquals(ReacherTask.LINK1 + ReacherTask.LINK2, Math.hypot(tipX, tipY), 0.02, "stretched-out reach");
            obs = env.step(new float[] {1f, 0f}).observation();
            assertTrue(obs[6] > 0.1f, "shoulder rate after positive torque: " + obs[6]);
            for (int step = 0; step < 20; step++) {
                obs = env.step(new float[] {0f, 0f}).observation();
            }
            // The links stay joined: the tip is never farther than the arm's reach.
            assertTrue(Math.hypot(obs[8] + obs[4], obs[9] + obs[5]) <= ReacherTask.LINK1 + ReacherTask.LINK2 + 0.02);
        }
    }

    @Test
    void ballRollsWhereItIsPushedAndStaysOnTheFloor() {
        try (PhysicsEnvironment env = BuiltInTasks.environment("ball")) {
            float[] start = env.reset(3);
            float[] obs = start;
            for (int step = 0; step < 40; step++) {
                obs = env.step(new float[] {1f, 0f}).observation();
            }
            assertTrue(obs[0] - start[0] > 1f, "ball moved " + (obs[0] - start[0]) + " m along x");
            assertEquals(start[1], obs[1], 0.05f, "no drift along z");
            float height = ((BallTask) env.task()).ball().getPhysicsLocation(null).y;
            assertEquals(BallTask.RADIUS, height, 0.02f, "ball rests on the floor");
            ((BallTask) env.task()).setTarget(obs[0], obs[1]);
            StepResult result = env.step(new float[] {0f, 0f});
            assertEquals(result.observation()[0], result.observation()[4], 0.5f, "moved target is observed");
        }
    }

    @Test
    void physicsBlowUpTruncatesTheEpisodeWithoutThrowing() {
        try (PhysicsEnvironment env = new PhysicsEnvironment(new ExplodingTask())) {
            float[] first = env.reset(0);
            StepResult ok = env.step(new float[] {0f});
            assertFalse(ok.done());
            StepResult blownUp = env.step(new float[] {1f});
            assertTrue(blownUp.truncated());
            assertTrue(blownUp.physicsFailure());
            assertEquals(0f, blownUp.reward());
            assertEquals(ok.observation()[0], blownUp.observation()[0], "last valid observation is returned");
            // The scene recovers on reset.
            float[] again = env.reset(0);
            assertEquals(first[0], again[0]);
            assertFalse(env.step(new float[] {0f}).done());
        }
    }

    /** A real Minie ball that a positive action launches to an absurd speed. */
    private static final class ExplodingTask implements PhysicsTask {
        private final BallTask ball = new BallTask();

        @Override
        public EnvSpec spec(float controlPeriodSeconds) {
            EnvSpec base = ball.spec(controlPeriodSeconds);
            return new EnvSpec("exploding", base.observationSpace(), dev.foresight.env.BoxSpace.symmetric(1f, "boom"),
                    100, controlPeriodSeconds, (o, a, n, b, r) -> java.util.Arrays.fill(r, 0, b, 1f),
                    dev.foresight.env.TerminationFunction.NEVER);
        }

        @Override
        public List<PhysicsCollisionObject> collisionObjects() {
            return ball.collisionObjects();
        }

        @Override
        public List<PhysicsJoint> joints() {
            return ball.joints();
        }

        @Override
        public void reset(RandomStream random) {
            ball.reset(random);
        }

        @Override
        public void applyAction(float[] action, float tickSeconds) {
            if (action[0] > 0) {
                ball.ball().setLinearVelocity(new Vector3f(1e30f, 0f, 0f));
            }
        }

        @Override
        public void observe(float[] obs) {
            ball.observe(obs);
        }
    }
}
