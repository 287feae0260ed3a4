package dev.foresight.env.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.math.Vector3f;
import dev.foresight.env.StepResult;
import dev.foresight.util.RandomStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Physical sanity of the pendulum scene against theory. */
class PendulumPhysicsTest {
    private static final float[] NO_TORQUE = {0f};

    @Test
    void observedAngleAndSpeedAreTheRodsOwn() {
        // The observation reads θ from the hinge and θ̇ as the speed clamp left it; both must agree
        // with the rod's orientation and angular velocity, also across resets and clamped steps.
        assertObservationMatchesTheRod(BuiltInTasks.environment("pendulum"), true);
        // Elsewhere than the origin (the hinge angle must not depend on where the pivot is).
        assertObservationMatchesTheRod(new PhysicsEnvironment(
                PendulumTask.startingAt(new Vector3f(2f, 1.5f, -1f), 2.5f, 3f)), false);
    }

    private static void assertObservationMatchesTheRod(PhysicsEnvironment environment, boolean mustReachSpeedLimit) {
        try (PhysicsEnvironment env = environment) {
            PendulumTask task = (PendulumTask) env.task();
            RandomStream random = new RandomStream(8);
            float[] obs = env.reset(3);
            float[] rodCosSin = new float[2];
            int clamped = 0;
            for (int step = 0; step < 1000; step++) {
                Bodies.rodCosSin(task.rod(), new com.jme3.math.Quaternion(), new Vector3f(), rodCosSin, 0);
                assertEquals(rodCosSin[0], obs[0], 1e-6, "cos θ at step " + step);
                assertEquals(rodCosSin[1], obs[1], 1e-6, "sin θ at step " + step);
                assertEquals(task.rod().getAngularVelocity(null).z, obs[2], 0f, "θ̇ at step " + step);
                clamped += Math.abs(obs[2]) == PendulumTask.MAX_SPEED ? 1 : 0;
                StepResult result = env.step(new float[] {(float) (4 * random.nextDouble() - 2)});
                obs = result.done() ? env.reset() : result.observation();
            }
            assertTrue(clamped > 0 || !mustReachSpeedLimit, "no step reached the speed limit; the clamp went untested");
        }
    }

    @Test
    void smallAnglePeriodMatchesTheoryWithin2Percent() {
        // Uniform rod pivoting at one end: T = 2π·sqrt(2L / (3g)).
        double expected = 2 * Math.PI * Math.sqrt(2 * PendulumTask.LENGTH / (3 * PendulumTask.GRAVITY));
        try (PhysicsEnvironment env = new PhysicsEnvironment(
                PendulumTask.startingAt(Vector3f.ZERO, (float) Math.PI + 0.05f, 0f))) {
            float[] obs = env.reset(0);
            float dt = env.spec().controlPeriodSeconds();
            List<Double> upCrossings = new ArrayList<>();
            double previous = deviationFromBottom(obs);
            for (int step = 1; step < PendulumTask.EPISODE_STEPS; step++) {
                StepResult result = env.step(NO_TORQUE);
                double deviation = deviationFromBottom(result.observation());
                if (previous < 0 && deviation >= 0) {
                    upCrossings.add((step - 1 + previous / (previous - deviation)) * dt);
                }
                previous = deviation;
            }
            assertTrue(upCrossings.size() >= 3, "too few swings: " + upCrossings);
            double measured = (upCrossings.get(upCrossings.size() - 1) - upCrossings.get(0)) / (upCrossings.size() - 1);
            assertEquals(expected, measured, 0.02 * expected, "period");
        }
    }

    @Test
    void energyIsConservedWithoutTorque() {
        try (PhysicsEnvironment env = new PhysicsEnvironment(
                PendulumTask.startingAt(Vector3f.ZERO, (float) Math.PI / 2, 0f))) {
            float[] obs = env.reset(0);
            double initial = energy(obs);
            double worst = 0;
            for (int step = 0; step < 200; step++) {
                obs = env.step(NO_TORQUE).observation();
                worst = Math.max(worst, Math.abs(energy(obs) - initial));
            }
            // The swing spans 5 J of potential energy; allow 6% of it (Bullet's default joint ERP loses 25%).
            assertTrue(worst < 0.3, "energy drifted by " + worst + " J from " + initial + " J");
        }
    }

    @Test
    void torqueSpinsThePendulumTheWayItPushes() {
        try (PhysicsEnvironment env = new PhysicsEnvironment(PendulumTask.startingAt(Vector3f.ZERO, (float) Math.PI, 0f))) {
            env.reset(0);
            StepResult result = env.step(new float[] {2f});
            assertTrue(result.observation()[2] > 0, "positive torque must give positive θ̇");
        }
    }

    @Test
    void angularSpeedStaysWithinTheLimit() {
        try (PhysicsEnvironment env = new PhysicsEnvironment(PendulumTask.startingAt(Vector3f.ZERO, 0f, 7.9f))) {
            env.reset(0);
            for (int step = 0; step < 200; step++) {
                float thetaDot = env.step(new float[] {2f}).observation()[2];
                assertTrue(Math.abs(thetaDot) <= PendulumTask.MAX_SPEED + 1e-4f, "θ̇ = " + thetaDot);
            }
        }
    }

    /** sin of the angle from hanging straight down (θ = π), signed. */
    private static double deviationFromBottom(float[] obs) {
        return -obs[1];
    }

    /** Kinetic about the pivot plus potential of the centre of mass, with the pivot as zero. */
    private static double energy(float[] obs) {
        double inertia = PendulumTask.MASS * PendulumTask.LENGTH * PendulumTask.LENGTH / 3;
        double kinetic = 0.5 * inertia * obs[2] * obs[2];
        double potential = PendulumTask.MASS * PendulumTask.GRAVITY * PendulumTask.LENGTH / 2 * obs[0];
        return kinetic + potential;
    }
}
