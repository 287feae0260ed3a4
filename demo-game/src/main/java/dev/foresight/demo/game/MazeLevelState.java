package dev.foresight.demo.game;

import com.jme3.app.Application;
import com.jme3.app.SimpleApplication;
import com.jme3.app.state.BaseAppState;
import com.jme3.font.BitmapFont;
import com.jme3.font.BitmapText;
import com.jme3.input.InputManager;
import com.jme3.input.KeyInput;
import com.jme3.input.controls.ActionListener;
import com.jme3.input.controls.KeyTrigger;
import com.jme3.light.AmbientLight;
import com.jme3.light.DirectionalLight;
import com.jme3.math.ColorRGBA;
import com.jme3.math.Vector3f;
import com.jme3.scene.Node;
import dev.foresight.jme.GridWorldView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The maze level: the four agents of a {@link MazeRace} in identical mazes side by side (2 × 2),
 * each maze drawn by a {@link GridWorldView} — cells tinted by the agent's state values, an arrow
 * for its greedy move, the cells its planning touched flashing — with a label per agent (episode,
 * steps of the last episode, planning updates per second) and keys to move the wall, switch maze,
 * change the pace, pause and restart.
 *
 * <p>The agents step at a fixed pace in real steps per second ({@code play --speed}), independent of
 * the frame rate; each episode every agent has finished is printed as one line.
 */
final class MazeLevelState extends BaseAppState {
    private static final String[] KEYS = {"maze.wall", "maze.next", "maze.faster", "maze.slower", "maze.pause",
            "maze.restart", "maze.menu"};
    private static final ColorRGBA[] LANE_COLORS = {new ColorRGBA(0.85f, 0.85f, 0.9f, 1f), new ColorRGBA(0.35f, 0.7f, 1f, 1f),
            new ColorRGBA(0.35f, 0.95f, 0.45f, 1f), new ColorRGBA(1f, 0.4f, 0.85f, 1f)};
    private static final float CELL = 1f;
    private static final float GAP_X = 2f;
    private static final float GAP_Z = 2.6f;
    /** Most real steps per agent in one frame (a slow frame does not snowball). */
    private static final int MAX_STEPS_PER_FRAME = 20_000;

    private final GameOptions options;
    private final Node scene = new Node("maze level");
    private final Node mazes = new Node("mazes");
    private final List<GridWorldView> views = new ArrayList<>();
    private final List<BitmapText> titles = new ArrayList<>();
    private final List<BitmapText> lines = new ArrayList<>();
    private final int[] planned = new int[MazeRace.TRACE];
    private final ActionListener listener = this::onAction;
    private SimpleApplication app;
    private BitmapFont font;
    private BitmapText status;
    private BitmapText help;
    private BitmapText caption;
    private MazeRace race;
    private int mazeIndex;
    private float speed;
    private boolean paused;
    private double budget;
    private long[] rateUpdates;
    private float[] rates;
    private float rateClock;
    private String message = "";
    private float messageSeconds;

    MazeLevelState(GameOptions options) {
        this.options = options;
        this.speed = options.mazeSpeed();
    }

    @Override
    protected void initialize(Application application) {
        app = (SimpleApplication) application;
        font = app.getAssetManager().loadFont("Interface/Fonts/Default.fnt");
        scene.attachChild(mazes);
        scene.addLight(new AmbientLight(ColorRGBA.White.mult(0.5f)));
        scene.addLight(new DirectionalLight(new Vector3f(-0.3f, -1f, -0.5f).normalizeLocal(), ColorRGBA.White));
        status = text(1f, ColorRGBA.White);
        help = text(1f, new ColorRGBA(0.75f, 0.78f, 0.85f, 1f));
        help.setText("[W] move the wall  [N] next maze  [+] / [-] pace  [Space] pause  [R] restart  [Esc] menu");
        caption = text(1f, Level.MAZE.color());
        caption.setText("Maze: Dyna agents with 0, 5 and 50 planning steps per move, and Dyna-Q+. Yellow: higher value;"
                + " arrows: greedy moves; cyan corner: planning just updated the cell.");
        for (int i = 0; i < 4; i++) {
            titles.add(text(1.3f, LANE_COLORS[i]));
            lines.add(text(1f, ColorRGBA.White));
        }
        start(MazeRace.MAZES.indexOf(options.maze()));
    }

    private BitmapText text(float scale, ColorRGBA color) {
        BitmapText text = new BitmapText(font);
        text.setSize(font.getCharSet().getRenderedSize() * scale);
        text.setColor(color);
        return text;
    }

    /**
     * Starts a fresh race on maze {@code index} of {@link MazeRace#MAZES} (the walls move by
     * themselves after {@code --wall-after} steps only in the maze the game started with).
     */
    private void start(int index) {
        mazeIndex = index;
        String maze = MazeRace.MAZES.get(index);
        race = new MazeRace(maze, options.seed(), maze.equals(options.maze()) ? options.wallAfter() : 0);
        mazes.detachAllChildren();
        views.clear();
        List<MazeRace.Lane> lanes = race.lanes();
        for (int i = 0; i < lanes.size(); i++) {
            GridWorldView view = new GridWorldView(race.layout(), CELL, LANE_COLORS[i], app.getAssetManager());
            Vector3f extent = view.extent();
            view.setLocalTranslation((i % 2) * (extent.x + GAP_X) - (extent.x + GAP_X / 2f),
                    0f, (i / 2) * (extent.z + GAP_Z) - (extent.z + GAP_Z / 2f) + 0.6f);
            mazes.attachChild(view);
            views.add(view);
        }
        rateUpdates = new long[lanes.size()];
        rates = new float[lanes.size()];
        rateClock = 0f;
        budget = 0;
        System.out.println("maze: " + race.maze() + ", agents " + String.join(", ", lanes.stream().map(MazeRace.Lane::title)
                .toList()) + ", " + formatSpeed() + " real steps per second each (seed " + options.seed() + ")");
    }

    @Override
    public void update(float tpf) {
        List<MazeRace.Lane> lanes = race.lanes();
        if (!paused) {
            budget = Math.min(budget + tpf * (double) speed, MAX_STEPS_PER_FRAME);
            int steps = (int) budget;
            budget -= steps;
            for (int s = 0; s < steps; s++) {
                race.step();
            }
            for (String row : race.completedEpisodes()) {
                System.out.println("maze: " + row);
            }
        }
        rateClock += tpf;
        boolean refreshRates = rateClock >= 0.5f;
        for (int i = 0; i < lanes.size(); i++) {
            MazeRace.Lane lane = lanes.get(i);
            int count = lane.plannedSinceLastCall(planned);
            views.get(i).setLayout(lane.world().map());
            views.get(i).update(lane.agent().q(), lane.cell(), planned, count, tpf);
            long updates = lane.agent().planningUpdates();
            if (refreshRates) {
                rates[i] = (updates - rateUpdates[i]) / rateClock;
                rateUpdates[i] = updates;
            }
            titles.get(i).setText(lane.title());
            lines.get(i).setText(String.format(Locale.ROOT, "episode %d   last %s   now %d   %s updates/s",
                    lane.episodes() + 1, lane.episodes() == 0 ? "-" : Integer.toString(lane.lastEpisodeSteps()),
                    lane.stepsThisEpisode(), compact(rates[i])));
        }
        if (refreshRates) {
            rateClock = 0f;
        }
        messageSeconds -= tpf;
        status.setText(String.format(Locale.ROOT, "%s   layout %d/%d: %s   %s real steps/s per agent%s   %s",
                race.maze(), race.layoutIndex() + 1, race.layoutCount(), race.layout().name(), formatSpeed(),
                paused ? "   PAUSED" : "", messageSeconds > 0 ? message : ""));
        layoutTexts();
    }

    /** Puts each agent's title and line above its maze, and the level's texts at the screen's edges. */
    private void layoutTexts() {
        int width = app.getCamera().getWidth();
        int height = app.getCamera().getHeight();
        Vector3f corner = new Vector3f();
        for (int i = 0; i < views.size(); i++) {
            Vector3f screen = app.getCamera().getScreenCoordinates(
                    views.get(i).localToWorld(corner.set(0f, 0f, -0.15f), new Vector3f()));
            BitmapText title = titles.get(i);
            BitmapText line = lines.get(i);
            line.setLocalTranslation(screen.x, screen.y + line.getLineHeight() + 2f, 0f);
            title.setLocalTranslation(screen.x, screen.y + line.getLineHeight() + title.getLineHeight() + 2f, 0f);
        }
        status.setLocalTranslation(20f, height - 10f, 0f);
        caption.setLocalTranslation(20f, height - 14f - status.getLineHeight(), 0f);
        help.setLocalTranslation(width / 2f - help.getLineWidth() / 2f, help.getLineHeight() + 6f, 0f);
    }

    private String formatSpeed() {
        return speed >= 10 ? String.format(Locale.ROOT, "%.0f", speed) : String.format(Locale.ROOT, "%.2g", speed);
    }

    private static String compact(float perSecond) {
        if (perSecond >= 1e6f) {
            return String.format(Locale.ROOT, "%.1f M", perSecond / 1e6f);
        }
        return perSecond >= 1e3f ? String.format(Locale.ROOT, "%.1f k", perSecond / 1e3f)
                : String.format(Locale.ROOT, "%.0f", perSecond);
    }

    private void onAction(String name, boolean pressed, float tpf) {
        if (!pressed) {
            return;
        }
        switch (name) {
            case "maze.wall" -> {
                if (race.nextLayout()) {
                    say("walls moved: " + race.layout().name());
                    System.out.println("maze: walls moved to '" + race.layout().name() + "'");
                } else {
                    say("the walls of " + race.maze() + " do not move: [N] for the blocking or shortcut maze");
                }
            }
            case "maze.next" -> start((mazeIndex + 1) % MazeRace.MAZES.size());
            case "maze.faster" -> speed = Math.min(GameOptions.MAX_MAZE_SPEED, speed * 2f);
            case "maze.slower" -> speed = Math.max(0.25f, speed / 2f);
            case "maze.pause" -> paused = !paused;
            case "maze.restart" -> start(mazeIndex);
            case "maze.menu" -> {
                getStateManager().detach(this);
                getStateManager().attach(new MenuState(options));
            }
            default -> { }
        }
    }

    private void say(String text) {
        message = text;
        messageSeconds = 4f;
    }

    @Override
    protected void onEnable() {
        app.getRootNode().attachChild(scene);
        for (int i = 0; i < titles.size(); i++) {
            app.getGuiNode().attachChild(titles.get(i));
            app.getGuiNode().attachChild(lines.get(i));
        }
        app.getGuiNode().attachChild(status);
        app.getGuiNode().attachChild(help);
        app.getGuiNode().attachChild(caption);
        app.getCamera().setLocation(new Vector3f(0f, 19f, 10.5f));
        app.getCamera().lookAt(new Vector3f(0f, 0f, 0.9f), Vector3f.UNIT_Y);
        InputManager input = app.getInputManager();
        input.addMapping("maze.wall", new KeyTrigger(KeyInput.KEY_W));
        input.addMapping("maze.next", new KeyTrigger(KeyInput.KEY_N));
        input.addMapping("maze.faster", new KeyTrigger(KeyInput.KEY_EQUALS), new KeyTrigger(KeyInput.KEY_ADD));
        input.addMapping("maze.slower", new KeyTrigger(KeyInput.KEY_MINUS), new KeyTrigger(KeyInput.KEY_SUBTRACT));
        input.addMapping("maze.pause", new KeyTrigger(KeyInput.KEY_SPACE));
        input.addMapping("maze.restart", new KeyTrigger(KeyInput.KEY_R));
        input.addMapping("maze.menu", new KeyTrigger(KeyInput.KEY_ESCAPE));
        input.addListener(listener, KEYS);
    }

    @Override
    protected void onDisable() {
        scene.removeFromParent();
        for (int i = 0; i < titles.size(); i++) {
            titles.get(i).removeFromParent();
            lines.get(i).removeFromParent();
        }
        status.removeFromParent();
        help.removeFromParent();
        caption.removeFromParent();
        KeyBindings.release(app.getInputManager(), listener, KEYS);
    }

    @Override
    protected void cleanup(Application application) {
    }
}
