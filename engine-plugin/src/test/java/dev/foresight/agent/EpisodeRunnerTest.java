package dev.foresight.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.data.ReplayBuffer;
import dev.foresight.data.Transitions;
import dev.foresight.env.physics.BuiltInTasks;
import dev.foresight.env.physics.PhysicsEnvironment;
import org.junit.jupiter.api.Test;

class EpisodeRunnerTest {
    @Test
    void recordsTheActionTheEnvironmentAppliedAndHowTheEpisodeEnded() {
        try (PhysicsEnvironment env = BuiltInTasks.environment("pendulum")) {
            ReplayBuffer buffer = new ReplayBuffer(1000, 3, 1);
            PolicyAgent agent = new PolicyAgent(env.spec(), (obs, action) -> action[0] = 5f, buffer); // bounds ±2
            EpisodeRunner.Episode episode = EpisodeRunner.run(env, agent, 1);
            assertEquals(200, episode.steps());
            assertTrue(episode.truncated() && !episode.terminated() && !episode.physicsFailure());
            Transitions data = buffer.snapshot();
            assertEquals(200, data.size());
            for (int i = 0; i < data.size(); i++) {
                assertEquals(2f, data.action()[i], "the clipped action is recorded, not the policy's 5");
            }
        }
    }
}
