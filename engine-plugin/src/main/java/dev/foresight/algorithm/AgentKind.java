package dev.foresight.algorithm;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The agents a run can train, each with its {@link Algorithm}. */
public enum AgentKind {
    /** PETS: random episodes, then MPC with a probabilistic ensemble retrained after every episode. */
    PETS(new Pets(), true),
    /** Uniformly random actions: the baseline. */
    RANDOM(new RandomBaseline(), true),
    /** Soft actor-critic, model-free. */
    SAC(new ActorCritic("sac"), true),
    /** MBPO: SAC trained mostly on short rollouts of a learned ensemble. */
    MBPO(new ActorCritic("mbpo"), true),
    /** PPO with the clipped objective, model-free. */
    PPO(new OnPolicy("ppo"), false),
    /** SimPLe: PPO trained inside a learned ensemble, refreshed with real episodes. */
    SIMPLE(new OnPolicy("simple"), false),
    /** Tabular Q-learning (Dyna-Q with no planning). */
    Q_LEARNING(new Tabular(), false),
    /** Tabular Dyna-Q: Q-learning plus n planning updates per step from a table model. */
    DYNA_Q(new Tabular(), false),
    /** Dyna-Q+: Dyna-Q with an exploration bonus for pairs untried for long. */
    DYNA_Q_PLUS(new Tabular(), false),
    /** Prioritized sweeping: planning updates ordered by the size of their TD error. */
    PRIORITIZED_SWEEPING(new Tabular(), false),
    /** Monte Carlo tree search every step in a table model learnt from real steps. */
    MCTS(new Search(), false),
    /** MuZero: tree search in a learned value-equivalent latent model (h, g, f), trained from the search's own targets. */
    MUZERO(new MuZero(), true);

    private final Algorithm algorithm;
    private final boolean resumable;

    AgentKind(Algorithm algorithm, boolean resumable) {
        this.algorithm = algorithm;
        this.resumable = resumable;
    }

    /**
     * @return whether this agent's runs write checkpoints and can be resumed ({@code train --resume}):
     *         its agent is {@link dev.foresight.checkpoint.Checkpointable}
     */
    public boolean resumable() {
        return resumable;
    }

    /** @return the ids of the agents whose runs can be resumed, e.g. "pets, random, sac, mbpo" */
    public static String resumableIds() {
        return Arrays.stream(values()).filter(AgentKind::resumable).map(AgentKind::id).collect(Collectors.joining(", "));
    }

    /** @return the algorithm that builds and trains this agent */
    public Algorithm algorithm() {
        return algorithm;
    }

    /** @return the lower-case name used on the command line and in {@code config.json}, e.g. "dyna-q" */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @param name e.g. "pets", case-insensitive
     * @return the kind
     * @throws IllegalArgumentException naming the known agents
     */
    public static AgentKind parse(String name) {
        for (AgentKind kind : values()) {
            if (kind.id().equalsIgnoreCase(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown agent '" + name + "'; known: "
                + Arrays.stream(values()).map(AgentKind::id).collect(Collectors.joining(", ")));
    }
}
