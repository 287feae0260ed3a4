package dev.foresight.algorithm;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonDeserializer;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSerializer;
import dev.foresight.agent.ActorCriticConfig;
import dev.foresight.agent.OnPolicyConfig;
import dev.foresight.agent.PetsConfig;
import dev.foresight.muzero.MuZeroConfig;
import dev.foresight.search.MctsConfig;
import dev.foresight.tabular.DynaConfig;
import dev.foresight.io.AtomicFiles;
import dev.foresight.model.Propagation;
import dev.foresight.planning.CemOptimizer;
import dev.foresight.planning.IlqrOptimizer;
import dev.foresight.planning.MppiOptimizer;
import dev.foresight.planning.OptimizerKind;
import dev.foresight.planning.OptimizerSettings;
import dev.foresight.planning.PlannerConfig;
import dev.foresight.planning.RandomShootingOptimizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Every setting of a training run, written to {@code config.json} so that the run can be repeated
 * ({@code train --config DIR/config.json}). Readable JSON: enums as lower-case names, each
 * optimiser's settings under {@code planner.optimizer} with a {@code kind}; files written by
 * earlier versions (a flat planner with {@code "optimizer": "cem"}) still load.
 *
 * @param env a built-in environment name or the class name of a {@code PhysicsTask} (not null)
 * @param agent the agent trained (not null)
 * @param episodes episodes to run (&ge;1)
 * @param seed the run's seed
 * @param dataset an {@code .npz} dataset to start from, or null
 * @param pets the PETS agent's settings (ignored by agents that do not plan; not null)
 * @param actorCritic the SAC / MBPO agent's settings (ignored by the others; not null — files written
 *                    before it existed load with {@link ActorCriticConfig#mbpo} or {@link ActorCriticConfig#sac})
 * @param onPolicy the PPO / SimPLe agent's settings (ignored by the others; not null — files written
 *                 before it existed load with {@link OnPolicyConfig#simple} or {@link OnPolicyConfig#ppo})
 * @param dyna the tabular agents' settings (Q-learning, Dyna-Q, Dyna-Q+, prioritized sweeping;
 *             ignored by the others; not null — files written before it existed load with the defaults)
 * @param mcts the MCTS agent's settings (ignored by the others; not null — files written before it
 *             existed load with {@link MctsConfig#defaults})
 * @param muzero the MuZero agent's settings (ignored by the others; not null — files written before it
 *               existed load with {@link MuZeroConfig#defaults})
 */
public record RunConfig(String env, AgentKind agent, int episodes, long seed, String dataset, PetsConfig pets,
                        ActorCriticConfig actorCritic, OnPolicyConfig onPolicy, DynaConfig dyna, MctsConfig mcts,
                        MuZeroConfig muzero) {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .registerTypeAdapter(AgentKind.class, (JsonSerializer<AgentKind>) (v, t, c) -> new JsonPrimitive(v.id()))
            .registerTypeAdapter(AgentKind.class, (JsonDeserializer<AgentKind>) (j, t, c) -> AgentKind.parse(j.getAsString()))
            .registerTypeAdapter(Propagation.class, (JsonSerializer<Propagation>) (v, t, c) -> new JsonPrimitive(id(v)))
            .registerTypeAdapter(Propagation.class,
                    (JsonDeserializer<Propagation>) (j, t, c) -> Propagation.parse(j.getAsString()))
            .registerTypeAdapter(OptimizerSettings.class, (JsonSerializer<OptimizerSettings>) (v, t, c) -> {
                JsonObject object = new JsonObject();
                object.addProperty("kind", v.kind().id());
                c.serialize(v).getAsJsonObject().entrySet().forEach(e -> object.add(e.getKey(), e.getValue()));
                return object;
            })
            .registerTypeAdapter(PlannerConfig.class, (JsonSerializer<PlannerConfig>) (v, t, c) -> {
                JsonObject object = new JsonObject();
                object.addProperty("horizon", v.horizon());
                object.add("optimizer", c.serialize(v.optimizer(), OptimizerSettings.class));
                object.addProperty("propagation", id(v.propagation()));
                object.addProperty("particles", v.particles());
                object.addProperty("riskAversion", v.riskAversion());
                return object;
            })
            .registerTypeAdapter(PlannerConfig.class, (JsonDeserializer<PlannerConfig>) (j, t, c) -> planner(j))
            .create();

    public RunConfig {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(pets, "pets");
        Objects.requireNonNull(actorCritic, "actorCritic");
        Objects.requireNonNull(onPolicy, "onPolicy");
        Objects.requireNonNull(dyna, "dyna");
        Objects.requireNonNull(mcts, "mcts");
        Objects.requireNonNull(muzero, "muzero");
        if (episodes < 1) {
            throw new IllegalArgumentException("episodes must be >= 1, got " + episodes);
        }
    }

    /** A run whose actor-critic and on-policy settings are the agent's defaults. */
    public RunConfig(String env, AgentKind agent, int episodes, long seed, String dataset, PetsConfig pets) {
        this(env, agent, episodes, seed, dataset, pets, defaultActorCritic(agent, seed));
    }

    /** A run whose on-policy and tabular settings are the agent's defaults ({@link #defaultOnPolicy}). */
    public RunConfig(String env, AgentKind agent, int episodes, long seed, String dataset, PetsConfig pets,
                     ActorCriticConfig actorCritic) {
        this(env, agent, episodes, seed, dataset, pets, actorCritic, defaultOnPolicy(agent, seed));
    }

    /** A run whose tabular settings are the agent's defaults ({@link #defaultDyna}). */
    public RunConfig(String env, AgentKind agent, int episodes, long seed, String dataset, PetsConfig pets,
                     ActorCriticConfig actorCritic, OnPolicyConfig onPolicy) {
        this(env, agent, episodes, seed, dataset, pets, actorCritic, onPolicy, defaultDyna(agent, seed));
    }

    /** A run whose MCTS settings are the defaults ({@link MctsConfig#defaults}). */
    public RunConfig(String env, AgentKind agent, int episodes, long seed, String dataset, PetsConfig pets,
                     ActorCriticConfig actorCritic, OnPolicyConfig onPolicy, DynaConfig dyna) {
        this(env, agent, episodes, seed, dataset, pets, actorCritic, onPolicy, dyna, MctsConfig.defaults(seed));
    }

    /** A run whose MuZero settings are the defaults ({@link MuZeroConfig#defaults}). */
    public RunConfig(String env, AgentKind agent, int episodes, long seed, String dataset, PetsConfig pets,
                     ActorCriticConfig actorCritic, OnPolicyConfig onPolicy, DynaConfig dyna, MctsConfig mcts) {
        this(env, agent, episodes, seed, dataset, pets, actorCritic, onPolicy, dyna, mcts, MuZeroConfig.defaults(seed));
    }

    /**
     * Checks what can be checked before a run writes anything: the environment exists.
     *
     * @throws IllegalArgumentException naming the problem
     */
    public void validate() {
        Environments.check(env);
    }

    /** @return the settings as pretty-printed JSON */
    public String toJson() {
        return GSON.toJson(this);
    }

    /**
     * Writes {@link #toJson()} atomically.
     *
     * @param file the file (its folder must exist)
     * @throws IOException if it cannot be written
     */
    public void save(Path file) throws IOException {
        AtomicFiles.write(file, (toJson() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param json what {@link #toJson()} wrote (or an earlier version)
     * @return the settings
     * @throws IllegalArgumentException naming what is missing or wrong
     */
    public static RunConfig fromJson(String json) {
        try {
            RunConfig config = GSON.fromJson(withDefaultSections(json), RunConfig.class);
            if (config == null || config.pets() == null || config.pets().ensemble() == null
                    || config.pets().planner() == null || config.env() == null || config.agent() == null) {
                throw new IllegalArgumentException("settings are missing; write a config with 'train' and edit it");
            }
            ActorCriticConfig actorCritic = config.actorCritic() != null ? config.actorCritic()
                    : defaultActorCritic(config.agent(), config.seed());
            OnPolicyConfig onPolicy = config.onPolicy() != null ? config.onPolicy()
                    : defaultOnPolicy(config.agent(), config.seed());
            DynaConfig dyna = config.dyna() != null ? config.dyna() : defaultDyna(config.agent(), config.seed());
            MctsConfig mcts = config.mcts() != null ? config.mcts() : MctsConfig.defaults(config.seed());
            MuZeroConfig muzero = config.muzero() != null ? config.muzero() : MuZeroConfig.defaults(config.seed());
            return new RunConfig(config.env(), config.agent(), config.episodes(), config.seed(), config.dataset(),
                    config.pets(), actorCritic, onPolicy, dyna, mcts, muzero); // runs the checks the reflective reader skipped
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            // Gson reports a bad value as the failure of the record's constructor (wrapping our own
            // IllegalArgumentException), a syntax error as a JsonParseException, a wrong type as an
            // IllegalStateException: name the innermost problem.
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            String message = cause.getMessage() != null ? cause.getMessage() : e.getMessage();
            throw new IllegalArgumentException(message != null ? message : e.getClass().getSimpleName(), e);
        }
    }

    /**
     * @param file a {@code config.json}
     * @return the settings
     * @throws IOException if it cannot be read or is not a valid run config (the message names the file)
     */
    public static RunConfig load(Path file) throws IOException {
        try {
            return fromJson(Files.readString(file));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is not a valid run config: " + e.getMessage(), e);
        }
    }

    /**
     * A run with every agent's default settings.
     *
     * @param env the environment (not null)
     * @param agent the agent (not null)
     * @param episodes episodes (&ge;1)
     * @param seed the seed
     * @return the settings
     */
    public static RunConfig defaults(String env, AgentKind agent, int episodes, long seed) {
        return new RunConfig(env, agent, episodes, seed, null, PetsConfig.defaults(seed), defaultActorCritic(agent, seed),
                defaultOnPolicy(agent, seed), defaultDyna(agent, seed), MctsConfig.defaults(seed), MuZeroConfig.defaults(seed));
    }

    /** @return {@link ActorCriticConfig#sac} for SAC, {@link ActorCriticConfig#mbpo} otherwise */
    public static ActorCriticConfig defaultActorCritic(AgentKind agent, long seed) {
        return agent == AgentKind.SAC ? ActorCriticConfig.sac(seed) : ActorCriticConfig.mbpo(seed);
    }

    /** @return {@link OnPolicyConfig#ppo} for PPO, {@link OnPolicyConfig#simple} otherwise */
    public static OnPolicyConfig defaultOnPolicy(AgentKind agent, long seed) {
        return agent == AgentKind.PPO ? OnPolicyConfig.ppo(seed) : OnPolicyConfig.simple(seed);
    }

    /**
     * @return Figure 8.2's settings with n = 5 ({@link DynaConfig#dynaQ}); for Q-learning n = 0, for
     *         Dyna-Q+ κ = 0.001, for prioritized sweeping its own ({@link DynaConfig#prioritizedSweeping})
     */
    public static DynaConfig defaultDyna(AgentKind agent, long seed) {
        return switch (agent) {
            case Q_LEARNING -> DynaConfig.dynaQ(0, seed);
            case DYNA_Q_PLUS -> DynaConfig.dynaQPlus(5, seed);
            case PRIORITIZED_SWEEPING -> DynaConfig.prioritizedSweeping(5, seed);
            default -> DynaConfig.dynaQ(5, seed);
        };
    }

    /**
     * @param newEpisodes the run's length
     * @return these settings with another length
     */
    public RunConfig withEpisodes(int newEpisodes) {
        return new RunConfig(env, agent, newEpisodes, seed, dataset, pets, actorCritic, onPolicy, dyna, mcts, muzero);
    }

    /**
     * @param newSeed the seed
     * @return these settings with another seed (the agents' too)
     */
    public RunConfig withSeed(long newSeed) {
        return new RunConfig(env, agent, episodes, newSeed, dataset, pets.withSeed(newSeed), actorCritic.withSeed(newSeed),
                onPolicy.withSeed(newSeed), dyna.withSeed(newSeed), mcts.withSeed(newSeed), muzero.withSeed(newSeed));
    }

    /**
     * Files written before a section (or a setting of one) existed lack it: the agent's defaults fill
     * it in (the record's constructor refuses a missing section, and it runs while Gson reads).
     */
    private static JsonElement withDefaultSections(String json) {
        JsonElement tree = com.google.gson.JsonParser.parseString(json);
        if (!tree.isJsonObject()) {
            return tree;
        }
        JsonObject o = tree.getAsJsonObject();
        JsonElement agentName = o.get("agent");
        if (agentName == null || !agentName.isJsonPrimitive()) {
            return o;
        }
        AgentKind kind = AgentKind.parse(agentName.getAsString());
        long runSeed = o.has("seed") && o.get("seed").isJsonPrimitive() ? o.get("seed").getAsLong() : 0L;
        withDefaults(o, "actorCritic", GSON.toJsonTree(defaultActorCritic(kind, runSeed)).getAsJsonObject());
        withDefaults(o, "onPolicy", GSON.toJsonTree(defaultOnPolicy(kind, runSeed)).getAsJsonObject());
        withDefaults(o, "dyna", GSON.toJsonTree(defaultDyna(kind, runSeed)).getAsJsonObject());
        withDefaults(o, "mcts", GSON.toJsonTree(MctsConfig.defaults(runSeed)).getAsJsonObject());
        withDefaults(o, "muzero", GSON.toJsonTree(MuZeroConfig.defaults(runSeed)).getAsJsonObject());
        return o;
    }

    /** Adds the section if it is missing, or the settings it lacks (added after it was written). */
    private static void withDefaults(JsonObject config, String section, JsonObject defaults) {
        JsonElement present = config.get(section);
        if (present == null || present.isJsonNull()) {
            config.add(section, defaults);
        } else if (present.isJsonObject()) {
            defaults.entrySet().forEach(e -> {
                if (!present.getAsJsonObject().has(e.getKey())) {
                    present.getAsJsonObject().add(e.getKey(), e.getValue());
                }
            });
        }
    }

    private static String id(Propagation propagation) {
        return propagation == Propagation.TS_INF ? "tsinf" : propagation.name().toLowerCase(Locale.ROOT);
    }

    private static PlannerConfig planner(JsonElement json) {
        JsonObject o = json.getAsJsonObject();
        JsonElement optimizer = o.get("optimizer");
        if (optimizer == null) {
            throw new JsonParseException("planner has no optimizer");
        }
        OptimizerSettings settings;
        if (optimizer.isJsonPrimitive()) { // the flat layout of earlier versions
            settings = optimizer(OptimizerKind.parse(optimizer.getAsString()), o);
        } else {
            JsonObject object = optimizer.getAsJsonObject();
            settings = optimizer(OptimizerKind.parse(string(object, "kind")), object);
        }
        return new PlannerConfig(integer(o, "horizon"), settings, Propagation.parse(string(o, "propagation")),
                integer(o, "particles"), o.has("riskAversion") ? o.get("riskAversion").getAsFloat() : 0f);
    }

    private static OptimizerSettings optimizer(OptimizerKind kind, JsonObject o) {
        return switch (kind) {
            case CEM -> new CemOptimizer.Settings(integer(o, "population"), integer(o, "elites"), integer(o, "iterations"),
                    number(o, "alpha"), number(o, "minVariance"));
            case MPPI -> new MppiOptimizer.Settings(integer(o, "population"), integer(o, "iterations"),
                    number(o, "temperature"), number(o, "sigma"), number(o, "beta"));
            case RANDOM -> new RandomShootingOptimizer.Settings(integer(o, "population"), integer(o, "iterations"));
            case ILQR -> new IlqrOptimizer.Settings(integer(o, "iterations"), integer(o, "samples"), number(o, "sigma"),
                    number(o, "jacobianStep"), number(o, "costStep"), number(o, "tolerance"));
        };
    }

    private static JsonElement field(JsonObject o, String name) {
        JsonElement value = o.get(name);
        if (value == null || value.isJsonNull()) {
            throw new JsonParseException("planner setting '" + name + "' is missing");
        }
        return value;
    }

    private static String string(JsonObject o, String name) {
        return field(o, name).getAsString();
    }

    private static int integer(JsonObject o, String name) {
        return field(o, name).getAsInt();
    }

    private static float number(JsonObject o, String name) {
        return field(o, name).getAsFloat();
    }
}
