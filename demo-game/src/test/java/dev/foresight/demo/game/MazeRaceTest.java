package dev.foresight.demo.game;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The maze level's race, without a window: who plans learns faster, frame rate does not matter, walls move. */
class MazeRaceTest {
    @Test
    void agentsThatPlanMoreFindTheShortPathInFewerEpisodes() {
        MazeRace race = new MazeRace("dyna-maze", 1);
        race.runEpisodes(12);
        List<MazeRace.Lane> lanes = race.lanes();
        assertEquals(List.of("Q-learning (n=0)", "Dyna-Q n=5", "Dyna-Q n=50", "Dyna-Q+ n=50"),
                lanes.stream().map(MazeRace.Lane::title).toList());
        List<String> rows = race.completedEpisodes();
        assertEquals(12, rows.size());
        // Episodes 6–12 (after the random first one and a few more): steps per episode.
        int[] total = new int[4];
        for (String row : rows.subList(5, 12)) {
            String[] parts = row.substring(row.indexOf(':') + 2).split(", ");
            for (int i = 0; i < 4; i++) {
                total[i] += Integer.parseInt(parts[i].substring(parts[i].lastIndexOf(' ') + 1));
            }
        }
        assertTrue(total[2] < total[0] / 2, "Dyna-Q n=50 " + total[2] + " steps vs Q-learning " + total[0]);
        assertTrue(total[2] <= 7 * 25, "Dyna-Q n=50 takes " + total[2] / 7.0 + " steps per episode (shortest 14)");
        assertEquals(0, lanes.get(0).agent().planningUpdates(), "Q-learning does not plan");
        assertTrue(lanes.get(2).agent().planningUpdates() > 0);
    }

    @Test
    void theLockStepRaceGivesEachAgentTheSameEpisodesAsRunningItAlone() {
        MazeRace alone = new MazeRace("dyna-maze", 4);
        alone.runEpisodes(6);
        List<String> expected = alone.completedEpisodes();
        MazeRace lockStep = new MazeRace("dyna-maze", 4);
        List<String> rows = new java.util.ArrayList<>();
        while (rows.size() < 6) {
            lockStep.step();
            rows.addAll(lockStep.completedEpisodes());
        }
        assertEquals(expected, rows.subList(0, 6), "same seed, same episodes, however the steps are paced");
        MazeRace other = new MazeRace("dyna-maze", 5);
        other.runEpisodes(6);
        assertNotEquals(expected, other.completedEpisodes(), "another seed, other episodes");
    }

    @Test
    void theWallKeyMovesEveryCopyAndCyclesBack() {
        MazeRace race = new MazeRace("blocking-maze", 1);
        assertEquals(2, race.layoutCount());
        int rightGap = 3 * 9 + 8;
        assertFalse(race.layout().wall(rightGap));
        assertTrue(race.nextLayout());
        for (MazeRace.Lane lane : race.lanes()) {
            assertTrue(lane.world().map().wall(rightGap), lane.title() + "'s copy changed too");
        }
        assertTrue(race.nextLayout());
        assertFalse(race.lanes().get(3).world().map().wall(rightGap), "back to the first layout");
        for (int i = 0; i < 2000; i++) {
            race.step();
        }
        assertFalse(race.lanes().get(0).world().map().wall(rightGap), "the copies have no schedule of their own");

        MazeRace dyna = new MazeRace("dyna-maze", 1);
        assertEquals(1, dyna.layoutCount());
        assertFalse(dyna.nextLayout(), "the Dyna maze's walls do not move");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MazeRace("dyna-maze", 1, 500)).getMessage()
                .contains("do not move"));
    }

    @Test
    void withWallAfterTheWallsMoveByThemselvesAndDynaQPlusFindsTheNewPath() {
        MazeRace race = new MazeRace("blocking-maze", 1, 1000);
        int rightGap = 3 * 9 + 8;
        for (int i = 0; i < 1000; i++) {
            race.step();
        }
        assertFalse(race.layout().wall(rightGap));
        race.step();
        assertTrue(race.layout().wall(rightGap), "moved after 1,000 steps, in every copy");
        assertEquals(1, race.layoutIndex());
        for (MazeRace.Lane lane : race.lanes()) {
            assertTrue(lane.world().map().wall(rightGap), lane.title());
        }
        int[] episodesAtChange = race.lanes().stream().mapToInt(MazeRace.Lane::episodes).toArray();
        for (int i = 0; i < 2000; i++) {
            race.step();
        }
        // The book's Figure 8.4 story, in one seeded race: Dyna-Q+ (exploration bonus) has found the
        // left gap and reaches the goal again and again; Dyna-Q with as much planning has fewer.
        int plus = race.lanes().get(3).episodes() - episodesAtChange[3];
        int plain = race.lanes().get(2).episodes() - episodesAtChange[2];
        assertTrue(plus > plain, "episodes in the 2,000 steps after the change: Dyna-Q+ " + plus + ", Dyna-Q " + plain);
    }

    @Test
    void theViewIsToldWhichCellsPlanningTouched() {
        MazeRace race = new MazeRace("dyna-maze", 2);
        int[] planned = new int[MazeRace.TRACE];
        race.step();
        List<MazeRace.Lane> lanes = race.lanes();
        assertEquals(0, lanes.get(0).plannedSinceLastCall(planned), "Q-learning");
        assertEquals(5, lanes.get(1).plannedSinceLastCall(planned), "Dyna-Q n=5, one step");
        assertEquals(50, lanes.get(2).plannedSinceLastCall(planned), "Dyna-Q n=50, one step");
        assertEquals(0, lanes.get(2).plannedSinceLastCall(planned), "nothing new since");
        for (int i = 0; i < 10; i++) {
            race.step();
        }
        assertEquals(MazeRace.TRACE, lanes.get(2).plannedSinceLastCall(planned), "at most the trace's length");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MazeRace("maze-of-doom", 1))
                .getMessage().contains("dyna-maze, blocking-maze, shortcut-maze"));
    }
}
