package com.example.usertask;

import com.jme3.bullet.collision.PhysicsCollisionObject;
import com.jme3.bullet.collision.shapes.SphereCollisionShape;
import com.jme3.bullet.joints.PhysicsJoint;
import com.jme3.bullet.objects.PhysicsRigidBody;
import com.jme3.math.Vector3f;
import dev.foresight.env.BoxSpace;
import dev.foresight.env.EnvSpec;
import dev.foresight.env.TerminationFunction;
import dev.foresight.env.physics.PhysicsTask;
import dev.foresight.util.RandomStream;
import java.util.List;

/**
 * A task written as a user would, outside {@code dev.foresight}, against the public API only: a
 * 1 kg ball floating without gravity (protected, so the space's gravity does not replace it),
 * pushed along x by a force in [−2, 2] N; it should come to rest at x = 0. 40 steps.
 */
public final class SlidingBlockTask implements PhysicsTask {
    private final PhysicsRigidBody ball;
    private final Vector3f scratch = new Vector3f();

    public SlidingBlockTask() {
        ball = new PhysicsRigidBody(new SphereCollisionShape(0.2f), 1f);
        ball.setEnableSleep(false);
        ball.setGravity(Vector3f.ZERO);
        ball.setProtectGravity(true);
    }

    @Override
    public EnvSpec spec(float controlPeriodSeconds) {
        return new EnvSpec("sliding-block", BoxSpace.unbounded("x", "vx"), BoxSpace.symmetric(2f, "force"), 40,
                controlPeriodSeconds, (obs, action, next, batch, rewards) -> {
                    for (int i = 0; i < batch; i++) {
                        float x = next[2 * i];
                        rewards[i] = -x * x - 0.01f * action[i] * action[i];
                    }
                }, TerminationFunction.NEVER);
    }

    @Override
    public List<PhysicsCollisionObject> collisionObjects() {
        return List.of(ball);
    }

    @Override
    public List<PhysicsJoint> joints() {
        return List.of();
    }

    @Override
    public void reset(RandomStream random) {
        ball.setPhysicsLocation(new Vector3f((float) (2 * random.nextDouble() - 1), 0f, 0f));
        ball.setLinearVelocity(Vector3f.ZERO);
        ball.setAngularVelocity(Vector3f.ZERO);
    }

    @Override
    public void applyAction(float[] action, float tickSeconds) {
        ball.applyCentralForce(scratch.set(action[0], 0f, 0f));
    }

    @Override
    public void observe(float[] obs) {
        obs[0] = ball.getPhysicsLocation(scratch).x;
        obs[1] = ball.getLinearVelocity(scratch).x;
    }
}
