package dev.foresight.demo;

import dev.foresight.env.EnvSpec;
import dev.foresight.env.physics.BuiltInTasks;
import dev.foresight.env.physics.PhysicsEnvironment;
import picocli.CommandLine.Command;

/** Lists the built-in environments, one per line. */
@Command(name = "envs", mixinStandardHelpOptions = true,
        description = "List the built-in environments: name, observation size, action size, episode length.")
final class EnvsCommand implements Runnable {
    @Override
    public void run() {
        int width = BuiltInTasks.names().stream().mapToInt(String::length).max().orElse(0);
        for (String name : BuiltInTasks.names()) {
            try (PhysicsEnvironment env = BuiltInTasks.environment(name)) {
                EnvSpec spec = env.spec();
                System.out.printf("%-" + width + "s obs=%-2d act=%d episode_steps=%d control_hz=%.0f  obs=%s  act=%s%n",
                        name, spec.obsDim(), spec.actionDim(), spec.maxEpisodeSteps(),
                        1 / spec.controlPeriodSeconds(), spec.observationSpace(), spec.actionSpace());
            }
        }
    }
}
