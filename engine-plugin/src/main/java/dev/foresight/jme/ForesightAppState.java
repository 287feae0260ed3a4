package dev.foresight.jme;

import com.jme3.app.Application;
import com.jme3.app.state.BaseAppState;
import dev.foresight.agent.LiveAgent;
import dev.foresight.env.physics.PhysicsNatives;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Owns the worker threads of a game's agents: {@link #manage} starts an agent's planner and trainer
 * threads, and detaching this state (or the application's shutdown) stops them all and closes the
 * agents' models. Also registers the {@code .onnx} asset loader.
 *
 * <p>Threading: call its methods on the render thread. The threads it makes are daemon threads
 * at minimum priority named {@code foresight-worker-<n>} (so a game that forgets to detach it still
 * exits), with 16 MB stacks: they create ONNX Runtime sessions, which need more than the default.
 */
public final class ForesightAppState extends BaseAppState {
    private final List<LiveAgent> agents = new ArrayList<>();
    private final AtomicInteger threadCount = new AtomicInteger();
    private final ThreadFactory threads = runnable -> {
        Thread thread = new Thread(null, runnable, "foresight-worker-" + threadCount.incrementAndGet(),
                OnnxModelLoader.SESSION_THREAD_STACK_BYTES);
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        return thread;
    };

    /**
     * Starts an agent's threads; they run until the agent is {@link #release released} or this
     * state is cleaned up.
     *
     * @param agent a new, unstarted agent (not null)
     * @return the agent
     */
    public LiveAgent manage(LiveAgent agent) {
        agent.start(threads);
        agents.add(agent);
        return agent;
    }

    /**
     * Stops an agent's threads and closes it (e.g. when a level is left).
     *
     * @param agent an agent this state manages
     */
    public void release(LiveAgent agent) {
        if (agents.remove(agent)) {
            agent.close();
        }
    }

    /** @return the agents managed now (unmodifiable copy) */
    public List<LiveAgent> agents() {
        return List.copyOf(agents);
    }

    @Override
    protected void initialize(Application app) {
        PhysicsNatives.load(); // a no-op if a BulletAppState loaded Libbulletjme already
        OnnxModelLoader.register(app.getAssetManager());
    }

    @Override
    protected void cleanup(Application app) {
        for (LiveAgent agent : agents) {
            agent.close();
        }
        agents.clear();
    }

    @Override
    protected void onEnable() {
    }

    @Override
    protected void onDisable() {
    }
}
