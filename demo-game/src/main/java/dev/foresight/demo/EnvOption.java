package dev.foresight.demo;

import picocli.CommandLine.Option;

/** The {@code --env} option of the commands that run one environment (a picocli mixin). */
final class EnvOption {
    @Option(names = "--env", required = true, description = "Environment: a name (see 'envs') or the class name of"
            + " a PhysicsTask on the classpath.")
    String env;
}
