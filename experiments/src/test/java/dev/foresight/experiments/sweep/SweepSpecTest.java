package dev.foresight.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.algorithm.RunConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepSpecTest {
    @TempDir
    Path dir;

    @Test
    void seedsParseRangesAndBadOnesAreNamed() {
        assertEquals(List.of(1L, 2L, 3L, 7L), SweepSpec.parseSeeds("1-3, 7"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> SweepSpec.parseSeeds("1-x"));
        assertTrue(bad.getMessage().contains("'1-x'"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SweepSpec.parseSeeds("5-2"));
    }

    @Test
    void aSpecFileExpandsIntoRunsWithTheirSettingsMerged() throws Exception {
        Path file = dir.resolve("spec.json");
        Files.writeString(file, """
                {"envs": ["pendulum"], "agents": ["pets", "random"], "seeds": "1-2", "episodes": 3,
                 "settings": {"default": {}, "h10": {"pets": {"planner": {"horizon": 10}}}}}
                """);
        SweepSpec spec = SweepSpec.load(file);
        List<SweepRun> runs = spec.runs();
        assertEquals(8, runs.size());
        SweepRun first = runs.get(0);
        assertEquals("pendulum__pets__default__seed-1", first.key());
        RunConfig h10 = RunConfig.fromJson(runs.get(2).configJson());
        assertEquals("h10", runs.get(2).settings());
        assertEquals(10, h10.pets().planner().horizon());
        assertEquals(3, h10.episodes());
        assertEquals(1, h10.seed());
        assertNotEquals(first.configHash(), runs.get(2).configHash());
        assertEquals(first.folderName(), SweepSpec.load(file).runs().get(0).folderName(), "the same spec names the same runs");
        assertEquals(spec, SweepSpec.load(writeBack(spec)));
    }

    @Test
    void pairsAnAgentCannotRunAreLeftOutWithTheirReasonAndEpisodesCanDifferPerEnv() throws Exception {
        Path file = dir.resolve("mixed.json");
        Files.writeString(file, """
                {"envs": ["pendulum", "dyna-maze"], "agents": ["random", "pets", "dyna-q"], "seeds": [4],
                 "episodes": 2, "episodesByEnv": {"dyna-maze": 7}}
                """);
        SweepSpec spec = SweepSpec.load(file);
        List<SweepSpec.Skipped> out = spec.unsupported();
        assertEquals(List.of("pendulum/dyna-q", "dyna-maze/pets"), out.stream().map(u -> u.env() + "/" + u.agent()).toList());
        assertTrue(out.get(0).reason().contains("discrete"), out.get(0).reason());
        List<String> keys = spec.runs().stream().map(SweepRun::key).toList();
        assertEquals(List.of("pendulum__random__default__seed-4", "pendulum__pets__default__seed-4",
                "dyna-maze__random__default__seed-4", "dyna-maze__dyna-q__default__seed-4"), keys);
        assertEquals(2, RunConfig.fromJson(spec.runs().get(0).configJson()).episodes());
        assertEquals(7, RunConfig.fromJson(spec.runs().get(3).configJson()).episodes());
        assertEquals(spec, SweepSpec.load(writeBack(spec)));

        Files.writeString(file, """
                {"envs": ["pendulum"], "agents": ["random", "pets"], "seeds": [1], "episodes": 2,
                 "settings": {"default": {}, "mppi": {"only": ["pets"], "pets": {"planner": {"optimizer": {"kind": "mppi",
                   "population": 50, "iterations": 2, "temperature": 1, "sigma": 0.3, "beta": 0.7}}}}}}
                """);
        List<SweepRun> scoped = SweepSpec.load(file).runs();
        assertEquals(List.of("pendulum__random__default__seed-1", "pendulum__pets__default__seed-1",
                "pendulum__pets__mppi__seed-1"), scoped.stream().map(SweepRun::key).toList());
        assertEquals("mppi", RunConfig.fromJson(scoped.get(2).configJson()).pets().planner().optimizer().kind().id());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> SweepSpec.of(List.of("dyna-maze"), List.of("pets"), List.of(1L), 1).runs());
        assertTrue(none.getMessage().contains("no agent"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SweepSpec(List.of("pendulum"), List.of("pets"), List.of(1L), 1,
                java.util.Map.of("ball", 3), java.util.Map.of("default", new com.google.gson.JsonObject()), 1, 0));
    }

    private Path writeBack(SweepSpec spec) throws Exception {
        Path again = dir.resolve("again.json");
        Files.writeString(again, spec.toJson());
        return again;
    }

    @Test
    void badSpecsAreNamed() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"envs\": [\"pendulum\"], \"agents\": [\"pets\"], \"episodes\": 2}");
        IllegalArgumentException noSeeds = assertThrows(IllegalArgumentException.class, () -> SweepSpec.load(file));
        assertTrue(noSeeds.getMessage().contains("\"seeds\""), noSeeds.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SweepSpec.of(List.of("pendulum"), List.of("nope"), List.of(1L), 1));
        IllegalArgumentException master = assertThrows(IllegalArgumentException.class, () -> Sweep.sparkConf("yarn", 1));
        assertTrue(master.getMessage().contains("local[*]"), master.getMessage());
        assertEquals("local[2,3]", Sweep.sparkConf("local[2]", 2).get("spark.master"));
        assertEquals(Sweep.LOCAL_NETWORK_TIMEOUT, Sweep.sparkConf("local[*]", 1).get("spark.network.timeout"),
                "an embedded sweep survives a machine that sleeps");
    }
}
