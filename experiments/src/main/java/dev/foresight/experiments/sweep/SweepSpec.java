package dev.foresight.experiments.sweep;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.foresight.algorithm.AgentKind;
import dev.foresight.algorithm.Environments;
import dev.foresight.algorithm.RunConfig;
import dev.foresight.env.EnvSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a sweep runs: environments × agents × named settings × seeds, each run {@code episodes}
 * long. A spec file is JSON:
 * <pre>{@code
 * {"envs": ["pendulum", "ball", "dyna-maze"], "agents": ["random", "pets", "dyna-q"], "seeds": "1-5",
 *  "episodes": 10, "episodesByEnv": {"dyna-maze": 50},
 *  "settings": {"default": {}, "short-horizon": {"pets": {"planner": {"horizon": 10}}}},
 *  "timeoutMinutes": 120, "retries": 1}
 * }</pre>
 * Pairs whose agent cannot run on the environment (PETS on a grid world, Dyna-Q on pendulum) are
 * left out ({@link #unsupported()}).
 * A named setting is a partial {@code config.json} merged over the agent's defaults (objects merge
 * key by key; anything else replaces); {@code "default": {}} is the defaults alone. A setting with
 * {@code "only": ["pets"]} applies to those agents alone (e.g. PETS with another planner), so the
 * other agents are not run again under a name that changes nothing they use.
 *
 * @param envs environment names or task class names (not empty)
 * @param agents agent names, e.g. "pets" (not empty)
 * @param seeds seeds (not empty, distinct)
 * @param episodes episodes per run (&ge;1)
 * @param episodesByEnv episodes per run on the environments named here instead (each &ge;1)
 * @param settings named overrides, in order (not empty)
 * @param timeoutMinutes the longest a run may take before it is stopped and counts as failed (&gt;0)
 * @param retries how many times a failed run is tried again (&ge;0)
 */
public record SweepSpec(List<String> envs, List<String> agents, List<Long> seeds, int episodes,
                        Map<String, Integer> episodesByEnv, Map<String, JsonObject> settings, double timeoutMinutes,
                        int retries) {
    /** The name of the settings that are the agents' defaults. */
    public static final String DEFAULT_SETTINGS = "default";
    /** The key of a setting that limits it to some agents. */
    public static final String ONLY = "only";

    public SweepSpec {
        envs = List.copyOf(envs);
        agents = List.copyOf(agents);
        seeds = List.copyOf(seeds);
        settings = Map.copyOf(settings);
        episodesByEnv = Map.copyOf(episodesByEnv);
        if (envs.isEmpty() || agents.isEmpty() || seeds.isEmpty() || settings.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs at least one environment, agent, seed and setting");
        }
        if (episodes < 1 || !(timeoutMinutes > 0) || retries < 0) {
            throw new IllegalArgumentException("episodes must be >= 1, timeoutMinutes > 0 and retries >= 0, got "
                    + episodes + ", " + timeoutMinutes + ", " + retries);
        }
        for (Map.Entry<String, Integer> e : episodesByEnv.entrySet()) {
            if (!envs.contains(e.getKey()) || e.getValue() < 1) {
                throw new IllegalArgumentException("episodesByEnv names " + e.getKey() + " = " + e.getValue()
                        + ": each must be one of the sweep's envs " + envs + " and >= 1");
            }
        }
        if (seeds.stream().distinct().count() != seeds.size()) {
            throw new IllegalArgumentException("seeds repeat: " + seeds);
        }
        for (String agent : agents) {
            AgentKind.parse(agent);
        }
        for (Map.Entry<String, JsonObject> e : settings.entrySet()) {
            String name = e.getKey();
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
                throw new IllegalArgumentException("settings name '" + name + "' must be letters, digits, '-', '_' or"
                        + " '.' (it becomes part of folder names)");
            }
            JsonElement only = e.getValue().get(ONLY);
            if (only != null && (!only.isJsonArray() || only.getAsJsonArray().isEmpty())) {
                throw new IllegalArgumentException("settings '" + name + "': \"only\" must be a list of agents, e.g."
                        + " [\"pets\"]");
            }
            if (only != null) {
                only.getAsJsonArray().forEach(a -> AgentKind.parse(a.getAsString()));
            }
        }
    }

    /** The defaults-only spec the command-line flags describe. */
    public static SweepSpec of(List<String> envs, List<String> agents, List<Long> seeds, int episodes) {
        return new SweepSpec(envs, agents, seeds, episodes, Map.of(), Map.of(DEFAULT_SETTINGS, new JsonObject()), 120, 1);
    }

    /**
     * @param minutes the longest a run may take (&gt;0)
     * @return this spec with that timeout
     */
    public SweepSpec withTimeoutMinutes(double minutes) {
        return new SweepSpec(envs, agents, seeds, episodes, episodesByEnv, settings, minutes, retries);
    }

    /**
     * @param text e.g. "1-3,7" (ranges inclusive)
     * @return the seeds, in order
     * @throws IllegalArgumentException naming the bad part
     */
    public static List<Long> parseSeeds(String text) {
        List<Long> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            try {
                int dash = p.indexOf('-', 1);
                if (dash > 0) {
                    long from = Long.parseLong(p.substring(0, dash).trim());
                    long to = Long.parseLong(p.substring(dash + 1).trim());
                    if (to < from || to - from > 100_000) {
                        throw new IllegalArgumentException("seed range '" + p + "' must go up, by at most 100,000");
                    }
                    for (long s = from; s <= to; s++) {
                        out.add(s);
                    }
                } else {
                    out.add(Long.parseLong(p));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + p + "' is not a seed or a range like 1-5 (in '" + text + "')");
            }
        }
        return out;
    }

    /**
     * Reads a spec file (see the class comment).
     *
     * @param file the JSON file
     * @return the spec
     * @throws IllegalArgumentException naming what is wrong in the file
     * @throws IOException if it cannot be read
     */
    public static SweepSpec load(Path file) throws IOException {
        JsonObject o;
        try {
            o = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IllegalArgumentException(file + " is not a JSON object: " + e.getMessage(), e);
        }
        try {
            Map<String, JsonObject> settings = new LinkedHashMap<>();
            if (o.has("settings")) {
                for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("settings").entrySet()) {
                    settings.put(e.getKey(), e.getValue().getAsJsonObject());
                }
            } else {
                settings.put(DEFAULT_SETTINGS, new JsonObject());
            }
            JsonElement seeds = required(o, "seeds", file);
            List<Long> seedList = seeds.isJsonArray() ? strings(seeds.getAsJsonArray()).stream().map(Long::parseLong).toList()
                    : parseSeeds(seeds.getAsString());
            Map<String, Integer> byEnv = new LinkedHashMap<>();
            if (o.has("episodesByEnv")) {
                for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("episodesByEnv").entrySet()) {
                    byEnv.put(e.getKey(), e.getValue().getAsInt());
                }
            }
            return new SweepSpec(strings(required(o, "envs", file).getAsJsonArray()),
                    strings(required(o, "agents", file).getAsJsonArray()), seedList, required(o, "episodes", file).getAsInt(),
                    byEnv, settings, o.has("timeoutMinutes") ? o.get("timeoutMinutes").getAsDouble() : 120,
                    o.has("retries") ? o.get("retries").getAsInt() : 1);
        } catch (IllegalStateException | ClassCastException | UnsupportedOperationException | NumberFormatException e) {
            throw new IllegalArgumentException(file + ": a value has the wrong type (" + e.getMessage() + "); see the"
                    + " example in 'sweep --help'", e);
        }
    }

    private static JsonElement required(JsonObject o, String key, Path file) {
        if (!o.has(key)) {
            throw new IllegalArgumentException(file + " has no \"" + key + "\"");
        }
        return o.get(key);
    }

    private static List<String> strings(JsonArray array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.getAsString()));
        return out;
    }

    /** @return the spec as JSON (what {@link #load} reads) */
    public String toJson() {
        JsonObject o = new JsonObject();
        o.add("envs", new Gson().toJsonTree(envs));
        o.add("agents", new Gson().toJsonTree(agents));
        o.add("seeds", new Gson().toJsonTree(seeds));
        o.addProperty("episodes", episodes);
        if (!episodesByEnv.isEmpty()) {
            JsonObject byEnv = new JsonObject();
            episodesByEnv.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> byEnv.addProperty(e.getKey(), e.getValue()));
            o.add("episodesByEnv", byEnv);
        }
        JsonObject s = new JsonObject();
        settings.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> s.add(e.getKey(), e.getValue()));
        o.add("settings", s);
        o.addProperty("timeoutMinutes", timeoutMinutes);
        o.addProperty("retries", retries);
        return new com.google.gson.GsonBuilder().setPrettyPrinting().create().toJson(o);
    }

    /**
     * An environment × agent pair the sweep leaves out because the agent cannot run on it.
     *
     * @param env the environment
     * @param agent the agent
     * @param reason why, e.g. "dyna-maze: PETS supports continuous (box) spaces only, …"
     */
    public record Skipped(String env, String agent, String reason) {
    }

    /**
     * @return the environment × agent pairs left out (an agent that cannot run on an environment's
     *         spaces, {@link dev.foresight.algorithm.Algorithm#checkSupports}), in spec order
     * @throws IllegalArgumentException if an environment is unknown
     */
    public List<Skipped> unsupported() {
        List<Skipped> out = new ArrayList<>();
        for (String env : envs) {
            EnvSpec spec = Environments.spec(env);
            for (String agent : agents) {
                try {
                    AgentKind.parse(agent).algorithm().checkSupports(spec);
                } catch (IllegalArgumentException e) {
                    out.add(new Skipped(env, agent, e.getMessage()));
                }
            }
        }
        return out;
    }

    /**
     * @return every run of the supported pairs ({@link #unsupported()} are left out),
     *         environment-major then agent, settings (by name) and seed
     * @throws IllegalArgumentException if a setting does not make a valid config for an agent, or no
     *         pair is supported
     */
    public List<SweepRun> runs() {
        List<SweepRun> out = new ArrayList<>();
        List<String> names = settings.keySet().stream().sorted().toList();
        Set<String> skipped = new HashSet<>();
        List<Skipped> unsupported = unsupported();
        unsupported.forEach(u -> skipped.add(u.env() + "\n" + u.agent()));
        if (unsupported.size() == envs.size() * agents.size()) {
            throw new IllegalArgumentException("no agent of the sweep can run on any of its environments: "
                    + unsupported.get(0).reason());
        }
        for (String env : envs) {
            for (String agent : agents) {
                if (skipped.contains(env + "\n" + agent)) {
                    continue;
                }
                AgentKind kind = AgentKind.parse(agent);
                for (String name : names) {
                    JsonObject setting = settings.get(name).deepCopy();
                    JsonElement only = setting.remove(ONLY);
                    if (only != null && !strings(only.getAsJsonArray()).stream().map(AgentKind::parse).toList().contains(kind)) {
                        continue;
                    }
                    for (long seed : seeds) {
                        JsonObject config = JsonParser.parseString(RunConfig.defaults(env, kind, episodes(env), seed).toJson())
                                .getAsJsonObject();
                        merge(config, setting);
                        RunConfig run;
                        try {
                            run = RunConfig.fromJson(config.toString());
                        } catch (RuntimeException e) {
                            throw new IllegalArgumentException("settings '" + name + "' do not make a valid " + agent
                                    + " config: " + e.getMessage(), e);
                        }
                        out.add(new SweepRun(env, kind.id(), name, seed, run.toJson()));
                    }
                }
            }
        }
        return out;
    }

    /**
     * @param env one of the sweep's environments
     * @return the episodes of each of its runs
     */
    public int episodes(String env) {
        return episodesByEnv.getOrDefault(env, episodes);
    }

    /** Merges {@code over} into {@code base}: objects key by key, anything else replaced. */
    static void merge(JsonObject base, JsonObject over) {
        Objects.requireNonNull(over, "over");
        for (Map.Entry<String, JsonElement> e : over.entrySet()) {
            JsonElement old = base.get(e.getKey());
            if (old != null && old.isJsonObject() && e.getValue().isJsonObject()) {
                merge(old.getAsJsonObject(), e.getValue().getAsJsonObject());
            } else {
                base.add(e.getKey(), e.getValue().deepCopy());
            }
        }
    }
}
