package dev.foresight.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.agent.AdaptiveHorizon;
import dev.foresight.agent.PetsConfig;
import dev.foresight.model.Propagation;
import dev.foresight.planning.MppiOptimizer;
import dev.foresight.planning.PlannerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunConfigTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsEveryOptimiserAndReadsAsPlainJson() {
        for (PlannerConfig planner : new PlannerConfig[] {PlannerConfig.paper(),
                PlannerConfig.defaults().withOptimizer(MppiOptimizer.Settings.of(300, 2)).withPropagation(Propagation.TS1),
                PlannerConfig.realtime().withOptimizer(dev.foresight.planning.OptimizerKind.RANDOM.settings(100, 3))
                        .withPropagation(Propagation.EXPECTATION).withRiskAversion(0.5f),
                PlannerConfig.ilqr(), PlannerConfig.ilqr().withOptimizer(new dev.foresight.planning.IlqrOptimizer.Settings(
                        2, 0, 0.1f, 0.02f, 0.05f, 1e-3f))}) {
            RunConfig config = new RunConfig("ball", AgentKind.PETS, 4, 7, null,
                    PetsConfig.defaults(7).withPlanner(planner).withAdaptiveHorizon(new AdaptiveHorizon(5, 30, 0.5)));
            String json = config.toJson();
            assertEquals(config, RunConfig.fromJson(json), json);
        }
        String json = new RunConfig("pendulum", AgentKind.RANDOM, 2, 1, null, PetsConfig.defaults(1)).toJson();
        assertTrue(json.contains("\"agent\": \"random\"") && json.contains("\"kind\": \"cem\"")
                && json.contains("\"propagation\": \"tsinf\""), json);
    }

    @Test
    void readsTheFlatPlannerOfEarlierVersions() throws IOException {
        String current = new RunConfig("cartpole", AgentKind.PETS, 10, 1, null, PetsConfig.defaults(1)).toJson();
        int at = current.indexOf("\"planner\"");
        int end = current.indexOf('}', current.indexOf('}', at) + 1) + 1; // the planner object, its optimizer inside
        String old = current.substring(0, at) + "\"planner\": {\"optimizer\": \"cem\", \"horizon\": 25, \"population\": 400,"
                + " \"elites\": 40, \"iterations\": 5, \"alpha\": 0.1, \"minVariance\": 0.001, \"temperature\": 1.0,"
                + " \"sigma\": 0.3, \"beta\": 0.7, \"propagation\": \"tsinf\", \"particles\": 20, \"riskAversion\": 0.0}"
                + current.substring(end);
        Path file = dir.resolve("old.json");
        Files.writeString(file, old);
        assertEquals(PlannerConfig.paper(), RunConfig.load(file).pets().planner());
    }

    @Test
    void filesWrittenBeforeASectionExistedLoadWithTheAgentsDefaults() throws IOException {
        RunConfig current = RunConfig.defaults("pendulum", AgentKind.SIMPLE, 3, 4);
        com.google.gson.JsonObject old = com.google.gson.JsonParser.parseString(current.toJson()).getAsJsonObject();
        old.remove("actorCritic");
        old.getAsJsonObject("onPolicy").remove("envs");
        old.remove("dyna");
        Path file = dir.resolve("before.json");
        Files.writeString(file, old.toString());
        assertEquals(current, RunConfig.load(file));
    }

    @Test
    void aBadFileIsNamedWithItsProblem() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"env\": \"pendulum\", \"agent\": \"dqn\"}");
        IOException e = assertThrows(IOException.class, () -> RunConfig.load(file));
        assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("unknown agent 'dqn'"), e.getMessage());
        // A value the settings refuse (more elites than members) is named, not a stack trace of Gson's.
        String json = new RunConfig("pendulum", AgentKind.PETS, 2, 1, null, PetsConfig.defaults(1)).toJson()
                .replace("\"elites\": 5", "\"elites\": 9");
        Files.writeString(file, json);
        IOException value = assertThrows(IOException.class, () -> RunConfig.load(file));
        assertTrue(value.getMessage().contains("bad.json") && value.getMessage().contains("elites=9"), value.getMessage());
    }
}
