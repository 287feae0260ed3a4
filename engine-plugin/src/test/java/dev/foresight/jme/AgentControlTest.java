package dev.foresight.jme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.bullet.PhysicsSpace;
import com.jme3.bullet.collision.PhysicsCollisionObject;
import com.jme3.bullet.joints.PhysicsJoint;
import com.jme3.scene.Node;
import dev.foresight.agent.LiveAgent;
import dev.foresight.agent.LivePets;
import dev.foresight.agent.PetsConfig;
import dev.foresight.data.Transitions;
import dev.foresight.env.EnvSpec;
import dev.foresight.env.StepResult;
import dev.foresight.env.physics.BallTask;
import dev.foresight.env.physics.BuiltInTasks;
import dev.foresight.env.physics.CartpoleTask;
import dev.foresight.env.physics.PendulumTask;
import dev.foresight.env.physics.PhysicsEnvironment;
import dev.foresight.env.physics.PhysicsNatives;
import dev.foresight.env.physics.PhysicsTask;
import dev.foresight.util.RandomStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The control in a real Minie space, stepped as a game's BulletAppState steps it: the character
 * behaves exactly as in the headless environment it was trained in, episodes end and restart, and
 * a physics blow-up ends an episode without an exception.
 */
class AgentControlTest {
    private static final float DT = PhysicsEnvironment.PHYSICS_STEP_SECONDS;

    @TempDir
    Path dir;

    static {
        PhysicsNatives.load();
    }

    private LiveAgent agent(EnvSpec spec) throws Exception {
        LiveAgent agent = LivePets.create(spec, new LivePets.Settings(PetsConfig.defaults(1), 0.8, 1, 0, false),
                LiveAgent.Mode.HEURISTIC, null, dir);
        agent.setHeuristic((obs, action) -> action[0] = 1.7f * (float) Math.sin(3 * obs[2]) + 0.3f);
        return agent;
    }

    private static AgentControl attached(PhysicsTask task, LiveAgent agent, long seed, Node node, PhysicsSpace space) {
        AgentControl control = new AgentControl(task, agent, 3, seed);
        node.addControl(control);
        control.attach(space);
        return control;
    }

    /** Steps the space one tick at a time, updating the control once per frame of two ticks. */
    private static void run(PhysicsSpace space, Node node, int ticks) {
        for (int t = 0; t < ticks; t++) {
            space.update(DT, 0);
            if (t % 2 == 1) {
                node.updateLogicalState(2 * DT);
            }
        }
    }

    @Test
    void theGameCharacterMovesExactlyAsTheHeadlessEnvironment() throws Exception {
        PendulumTask task = new PendulumTask();
        EnvSpec spec = task.spec(3 * DT);
        PhysicsSpace space = new PhysicsSpace(PhysicsSpace.BroadphaseType.DBVT);
        try (LiveAgent agent = agent(spec)) {
            Node node = new Node("character");
            AgentControl control = attached(task, agent, 42L, node, space);
            run(space, node, 3 * 50);
            Transitions recorded = agent.buffer().snapshot();
            assertEquals(50, recorded.size());

            try (PhysicsEnvironment env = new PhysicsEnvironment(new PendulumTask())) {
                float[] obs = env.reset(42L);
                float[] action = new float[1];
                for (int step = 0; step < 50; step++) {
                    action[0] = Math.max(-2f, Math.min(2f, 1.7f * (float) Math.sin(3 * obs[2]) + 0.3f));
                    StepResult result = env.step(action);
                    assertArrayEquals(obs, row(recorded.obs(), step, 3), "obs of step " + step);
                    assertArrayEquals(result.observation(), row(recorded.nextObs(), step, 3), "next obs of step " + step);
                    assertEquals(result.reward(), recorded.reward()[step], "reward of step " + step);
                    obs = result.observation();
                }
            }
            control.detach();
            assertEquals(0, space.countRigidBodies());
            assertEquals(0, space.countJoints());
        } finally {
            space.destroy();
        }
    }

    @Test
    void episodesEndAfterTheirLengthAndRestart() throws Exception {
        PendulumTask task = new PendulumTask();
        EnvSpec spec = task.spec(3 * DT);
        PhysicsSpace space = new PhysicsSpace(PhysicsSpace.BroadphaseType.DBVT);
        try (LiveAgent agent = agent(spec)) {
            Node node = new Node("character");
            AgentControl control = attached(task, agent, 7L, node, space);
            run(space, node, 3 * spec.maxEpisodeSteps() + 10);
            assertEquals(1, agent.episodeReturns().size(), "one episode finished");
            assertEquals(2, agent.status().episode(), "the second one started");
            Transitions recorded = agent.buffer().snapshot();
            assertTrue(recorded.truncated()[spec.maxEpisodeSteps() - 1], "the 200th step is truncated");
            control.requestReset();
            node.updateLogicalState(DT);
            assertEquals(3, agent.status().episode(), "a requested reset starts a new episode");
            assertThrows(IllegalStateException.class, () -> control.attach(space));
            control.detach();
        } finally {
            space.destroy();
        }
    }

    /**
     * A ball whose body has non-unit linear and angular factors: Bullet scales every applied force
     * by them, so restoring a saved total force must not scale it twice.
     */
    private static PhysicsTask ballWithFactors() {
        BallTask ball = new BallTask();
        ball.ball().setLinearFactor(new com.jme3.math.Vector3f(0.5f, 0.9f, 0.7f));
        ball.ball().setAngularFactor(new com.jme3.math.Vector3f(0.3f, 0.6f, 0.8f));
        return ball;
    }

    /** A non-trivial policy for any task: saturates now and then, changes sign, uses every action dimension. */
    private static void wavyPolicy(float[] obs, float[] action) {
        for (int i = 0; i < action.length; i++) {
            action[i] = 1.7f * (float) Math.sin(3 * obs[(2 + i) % obs.length] + i) + 0.3f;
        }
    }

    private static Supplier<PhysicsTask> task(String name) {
        return switch (name) {
            case "pendulum" -> PendulumTask::new;
            case "cartpole" -> CartpoleTask::new;
            case "ball" -> BallTask::new;
            case "ball-with-factors" -> AgentControlTest::ballWithFactors;
            default -> () -> BuiltInTasks.create(name);
        };
    }

    /**
     * BulletAppState takes several ticks in one {@code space.update(k·dt, maxSubSteps)} when a frame
     * lasts several ticks; Bullet applies gravity and clears forces once per update, not per tick.
     * The control must still give every tick exactly the forces of the headless environment's
     * one-tick updates: the transitions are compared bit for bit.
     */
    @ParameterizedTest(name = "{0} at {1} ticks per frame")
    @CsvSource({"pendulum, 1", "pendulum, 2", "pendulum, 3", "ball, 1", "ball, 2", "ball, 3",
            "cartpole, 1", "cartpole, 2", "cartpole, 3", "ball-with-factors, 3"})
    void severalTicksPerFrameMoveExactlyAsTheHeadlessEnvironment(String name, int ticksPerFrame) throws Exception {
        int steps = 40;
        PhysicsTask task = task(name).get();
        EnvSpec spec = task.spec(3 * DT);
        PhysicsSpace space = new PhysicsSpace(PhysicsSpace.BroadphaseType.DBVT);
        try (LiveAgent agent = agent(spec)) {
            agent.setHeuristic(AgentControlTest::wavyPolicy);
            Node node = new Node("character");
            AgentControl control = attached(task, agent, 5L, node, space);
            for (int frame = 0; frame < 10 * steps && agent.buffer().size() < steps; frame++) {
                space.update(ticksPerFrame * DT, 4);
                node.updateLogicalState(ticksPerFrame * DT);
            }
            Transitions recorded = agent.buffer().snapshot();
            assertTrue(recorded.size() >= steps, "recorded " + recorded.size() + " steps");
            int obsDim = spec.obsDim();
            int actionDim = spec.actionDim();
            try (PhysicsEnvironment env = new PhysicsEnvironment(task(name).get())) {
                float[] obs = env.reset(5L);
                float[] action = new float[actionDim];
                for (int step = 0; step < steps; step++) {
                    wavyPolicy(obs, action);
                    StepResult result = env.step(action);
                    String where = name + " step " + step;
                    assertArrayEquals(obs, row(recorded.obs(), step, obsDim), "obs of " + where);
                    float[] clipped = row(recorded.action(), step, actionDim);
                    for (int i = 0; i < actionDim; i++) {
                        assertEquals(Math.max(spec.continuousActions("test").low(i), Math.min(spec.continuousActions("test").high(i), action[i])),
                                clipped[i], "clipped action of " + where);
                    }
                    assertArrayEquals(result.observation(), row(recorded.nextObs(), step, obsDim), "next obs of " + where);
                    assertEquals(result.reward(), recorded.reward()[step], "reward of " + where);
                    assertEquals(result.terminated(), recorded.terminated()[step], "terminated at " + where);
                    assertEquals(result.truncated(), recorded.truncated()[step], "truncated at " + where);
                    obs = result.observation();
                }
            }
            assertEquals(0, control.rejectedActions());
            control.detach();
        } finally {
            space.destroy();
        }
    }

    /** A NaN action (a broken plan, heuristic or policy) is replaced by the neutral one, counted, and never thrown from a tick. */
    @Test
    void aRejectedActionBecomesTheNeutralActionWithoutThrowing() throws Exception {
        PendulumTask task = new PendulumTask();
        EnvSpec spec = task.spec(3 * DT);
        PhysicsSpace space = new PhysicsSpace(PhysicsSpace.BroadphaseType.DBVT);
        try (LiveAgent agent = agent(spec)) {
            agent.setHeuristic((obs, action) -> action[0] = Float.NaN);
            Node node = new Node("character");
            AgentControl control = attached(task, agent, 3L, node, space);
            run(space, node, 3 * 5);
            assertEquals(5, control.rejectedActions());
            // The same from a learned policy in POLICY mode.
            agent.setPolicy((obs, action) -> action[0] = Float.NaN);
            agent.setMode(LiveAgent.Mode.POLICY);
            run(space, node, 3 * 5);
            assertEquals(10, control.rejectedActions());
            Transitions recorded = agent.buffer().snapshot();
            assertEquals(10, recorded.size());
            for (float a : recorded.action()) {
                assertEquals(0f, a, "the middle of [-2, 2]");
            }
            try (PhysicsEnvironment env = new PhysicsEnvironment(new PendulumTask())) {
                env.reset(3L);
                assertThrows(IllegalArgumentException.class, () -> env.step(new float[] {Float.NaN}),
                        "the headless environment rejects the same action");
                float[] obs = null;
                for (int step = 0; step < 10; step++) {
                    obs = env.step(new float[] {0f}).observation();
                }
                assertArrayEquals(obs, row(recorded.nextObs(), 9, 3), "the control applied the neutral action");
            }
            control.detach();
        } finally {
            space.destroy();
        }
    }

    /** A pendulum whose observation turns to NaN at control step 5. */
    private static final class BlowingUp implements PhysicsTask {
        private final PendulumTask inner = new PendulumTask();
        private int observations;

        @Override public EnvSpec spec(float period) { return inner.spec(period); }
        @Override public List<PhysicsCollisionObject> collisionObjects() { return inner.collisionObjects(); }
        @Override public List<PhysicsJoint> joints() { return inner.joints(); }
        @Override public void reset(RandomStream random) { inner.reset(random); }
        @Override public void applyAction(float[] action, float tick) { inner.applyAction(action, tick); }

        @Override
        public void observe(float[] obs) {
            inner.observe(obs);
            if (++observations == 6) {
                obs[2] = Float.NaN;
            }
        }
    }

    @Test
    void aPhysicsBlowUpEndsTheEpisodeWithoutThrowing() throws Exception {
        BlowingUp task = new BlowingUp();
        PhysicsSpace space = new PhysicsSpace(PhysicsSpace.BroadphaseType.DBVT);
        try (LiveAgent agent = agent(task.spec(3 * DT))) {
            Node node = new Node("character");
            AgentControl control = attached(task, agent, 1L, node, space);
            run(space, node, 3 * 20);
            assertEquals(1, control.physicsFailures());
            assertEquals(1, agent.episodeReturns().size(), "the broken episode ended");
            assertEquals(2, agent.status().episode(), "and a new one started");
            assertEquals(4 + agent.status().step(), agent.buffer().size(), "the NaN step was not recorded");
            for (float v : agent.buffer().snapshot().nextObs()) {
                assertTrue(Float.isFinite(v), "only finite observations are recorded");
            }
        } finally {
            space.destroy();
        }
    }

    private static float[] row(float[] data, int row, int width) {
        float[] out = new float[width];
        System.arraycopy(data, row * width, out, 0, width);
        return out;
    }
}
