package dev.foresight.demo;

import dev.foresight.algorithm.Environments;
import dev.foresight.env.EnvSpec;
import dev.foresight.env.Environment;
import picocli.CommandLine.Command;

/** Lists the built-in environments, one per line. */
@Command(name = "envs", mixinStandardHelpOptions = true,
        description = "List the built-in environments (physics tasks, then grid worlds): name, observation size, action"
                + " size, episode length.")
final class EnvsCommand implements Runnable {
    @Override
    public void run() {
        int width = Environments.builtIn().stream().mapToInt(String::length).max().orElse(0);
        for (String name : Environments.builtIn()) {
            try (Environment env = Environments.create(name)) {
                EnvSpec spec = env.spec();
                String obs = spec.observationSpace().toString();
                System.out.printf("%-" + width + "s obs=%-2d act=%d episode_steps=%d control_hz=%.0f  obs=%s  act=%s%n",
                        name, spec.obsDim(), spec.actionDim(), spec.maxEpisodeSteps(),
                        1 / spec.controlPeriodSeconds(), obs.length() > 160 ? obs.substring(0, 157) + "..." : obs,
                        spec.actionSpace());
            }
        }
    }
}
