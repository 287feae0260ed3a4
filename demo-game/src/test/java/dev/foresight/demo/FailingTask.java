package dev.foresight.demo;

import com.jme3.bullet.collision.PhysicsCollisionObject;
import com.jme3.bullet.joints.PhysicsJoint;
import dev.foresight.env.EnvSpec;
import dev.foresight.env.physics.BallTask;
import dev.foresight.env.physics.PhysicsTask;
import dev.foresight.util.RandomStream;
import java.util.List;

/**
 * The ball task, except that every episode's reset throws: a run on it starts (its spec is fine)
 * and then fails, the way a user's buggy task would. For the sweep tests ({@code --env
 * dev.foresight.demo.FailingTask}).
 */
public final class FailingTask implements PhysicsTask {
    private final BallTask ball = new BallTask();

    @Override
    public EnvSpec spec(float controlPeriodSeconds) {
        return ball.spec(controlPeriodSeconds);
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
        throw new IllegalStateException("FailingTask fails on purpose at every reset");
    }

    @Override
    public void applyAction(float[] action, float tickSeconds) {
        ball.applyAction(action, tickSeconds);
    }

    @Override
    public void observe(float[] obs) {
        ball.observe(obs);
    }
}
