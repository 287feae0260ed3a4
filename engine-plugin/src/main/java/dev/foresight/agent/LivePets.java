package dev.foresight.agent;

import dev.foresight.env.EnvSpec;
import dev.foresight.onnx.OnnxDynamicsModel;
import dev.foresight.planning.PlannerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * PETS for games: a {@link LiveAgent} whose decisions are model-predictive control
 * ({@link MpcDecisions}) and whose learner retrains the ensemble after every episode and hands
 * over the exported ONNX model ({@link ModelUpdater}).
 */
public final class LivePets {
    private LivePets() {
    }

    /**
     * Settings of a live PETS agent.
     *
     * @param pets exploration, ensemble, planner, buffer and seed
     * @param planBudgetFraction the planner's time budget per plan, as a fraction of the control period
     * @param ortThreads ONNX Runtime intra-op threads of the planner (leave cores for the game; 0: all)
     * @param imaginedCandidates other candidates imagined for drawing after each plan (0: none)
     * @param compensateLatency see {@link LiveAgent.Settings#compensateLatency()}
     */
    public record Settings(PetsConfig pets, double planBudgetFraction, int ortThreads, int imaginedCandidates,
                           boolean compensateLatency) {
        public Settings {
            if (ortThreads < 0) {
                throw new IllegalArgumentException("ortThreads must be >= 0, got " + ortThreads);
            }
        }

        /**
         * Defaults for a game on a small machine: PETS's agent with a lighter planner
         * ({@link PlannerConfig#interactive()}), 80% of the control period per plan, one ONNX
         * Runtime thread, 6 candidates drawn, latency compensated.
         *
         * @param seed the seed of exploration, training and planning
         * @return the settings
         */
        public static Settings defaults(long seed) {
            return new Settings(PetsConfig.defaults(seed).withPlanner(PlannerConfig.interactive()), 0.8, 1, 6, true);
        }

        /** @return these settings with another planner (e.g. {@link PlannerConfig#ilqr()}) */
        public Settings withPlanner(PlannerConfig planner) {
            return new Settings(pets.withPlanner(planner), planBudgetFraction, ortThreads, imaginedCandidates,
                    compensateLatency);
        }

        /** @return the shell's part of these settings */
        public LiveAgent.Settings live() {
            return new LiveAgent.Settings(planBudgetFraction, imaginedCandidates, compensateLatency, pets.randomEpisodes(),
                    pets.bufferCapacity(), pets.seed());
        }
    }

    /**
     * @param spec the environment's spec (not null; actions a bounded box)
     * @param settings the settings (not null)
     * @param mode the starting mode
     * @param model a model to plan with from the start (e.g. a shipped one; the agent takes it over
     *              and closes it), or null to explore until the first retraining
     * @param workDir where retrained models are exported (created if missing)
     * @return the agent, not started ({@link LiveAgent#start}, or a {@code ForesightAppState} manages it)
     * @throws IOException if {@code workDir} cannot be created
     * @throws IllegalArgumentException if the model does not fit the spec
     */
    public static LiveAgent create(EnvSpec spec, Settings settings, LiveAgent.Mode mode, OnnxDynamicsModel model,
                                   Path workDir) throws IOException {
        PetsConfig pets = settings.pets();
        return create(spec, settings, mode, model, workDir, new MpcDecisions(spec, pets.planner(), pets.seed() + 1));
    }

    /**
     * As {@link #create(EnvSpec, Settings, LiveAgent.Mode, OnnxDynamicsModel, Path)}, deciding with
     * another decision-maker over the same retrained ensemble (e.g. a tree search,
     * {@code dev.foresight.search.MctsDecisions}); the settings' planner is then unused.
     *
     * @param decisions decides from the newest model (not null; the agent owns and closes it)
     */
    public static LiveAgent create(EnvSpec spec, Settings settings, LiveAgent.Mode mode, OnnxDynamicsModel model,
                                   Path workDir, DecisionMaker<OnnxDynamicsModel> decisions) throws IOException {
        if (model != null) {
            model.requireCompatible(spec);
        }
        Files.createDirectories(workDir);
        PetsConfig pets = settings.pets();
        ModelUpdater updater = new ModelUpdater(spec, pets.ensemble(), workDir.resolve(spec.name() + "-live.onnx"),
                Map.of("agent", "live", "seed", Long.toString(pets.seed())), settings.ortThreads());
        return new LiveAgent(spec, settings.live(), mode, decisions, updater, model);
    }

    /**
     * Hands a live PETS agent a model to plan with from its next plan on (it takes the model over).
     *
     * @param agent an agent made by {@link #create} (not null)
     * @param model the model (not null; must fit the agent's spec)
     */
    public static void setModel(LiveAgent agent, OnnxDynamicsModel model) {
        model.requireCompatible(agent.spec());
        agent.setUpdate(model);
    }
}
