package dev.foresight.demo.game;

import com.jme3.app.Application;
import com.jme3.app.SimpleApplication;
import com.jme3.app.state.BaseAppState;
import com.jme3.asset.AssetKey;
import com.jme3.asset.AssetManager;
import com.jme3.asset.plugins.FileLocator;
import com.jme3.bullet.BulletAppState;
import com.jme3.font.BitmapFont;
import com.jme3.font.BitmapText;
import com.jme3.input.InputManager;
import com.jme3.input.KeyInput;
import com.jme3.input.MouseInput;
import com.jme3.input.controls.ActionListener;
import com.jme3.input.controls.KeyTrigger;
import com.jme3.input.controls.MouseButtonTrigger;
import com.jme3.light.AmbientLight;
import com.jme3.light.DirectionalLight;
import com.jme3.material.Material;
import com.jme3.math.ColorRGBA;
import com.jme3.math.Vector2f;
import com.jme3.math.Vector3f;
import com.jme3.scene.Geometry;
import com.jme3.scene.Node;
import com.jme3.scene.Spatial;
import com.jme3.scene.shape.Box;
import com.jme3.scene.shape.Cylinder;
import com.jme3.scene.shape.Sphere;
import dev.foresight.agent.LiveAgent;
import dev.foresight.agent.LivePets;
import dev.foresight.algorithm.Environments;
import dev.foresight.env.EnvSpec;
import dev.foresight.env.physics.BallTask;
import dev.foresight.env.physics.CartpoleTask;
import dev.foresight.env.physics.PhysicsEnvironment;
import dev.foresight.env.physics.PhysicsNatives;
import dev.foresight.env.physics.PhysicsTask;
import dev.foresight.env.physics.ReacherTask;
import dev.foresight.jme.AgentControl;
import dev.foresight.jme.AgentHud;
import dev.foresight.jme.ForesightAppState;
import dev.foresight.jme.ImaginedFuturesView;
import dev.foresight.jme.OnnxModelKey;
import dev.foresight.jme.OnnxPolicyKey;
import dev.foresight.jme.PhysicsVisuals;
import dev.foresight.onnx.OnnxDynamicsModel;
import dev.foresight.onnx.OnnxPolicy;
import dev.foresight.planning.PlannerConfig;
import dev.foresight.search.MctsConfig;
import dev.foresight.search.MctsDecisions;
import dev.foresight.util.RandomStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * One level: the level's character in a Minie space, a {@link LiveAgent} learning it live (or
 * planning with the shipped model first), its imagined futures, a HUD, and the player's controls.
 */
final class LevelState extends BaseAppState {
    private static final Logger logger = Logger.getLogger(LevelState.class.getName());
    private static final String[] KEYS = {"level.futures", "level.hud", "level.reset", "level.push", "level.mode",
            "level.menu", "level.click", "level.left", "level.right", "level.up", "level.down"};

    private final Level level;
    private final GameOptions options;
    private final boolean fromModel;
    private final Path modelFile;
    private final long seed;
    private final PlannerConfig plannerConfig;
    private final boolean treeSearch;
    /** Steps of the searched path handed to the agent as its plan, and drawn, with tree search. */
    private static final int TREE_HORIZON = 10;
    private final boolean policyMode;
    private final Node scene = new Node("level");
    private final RandomStream pushes;
    private SimpleApplication app;
    private BulletAppState bullet;
    private PhysicsTask task;
    private LiveAgent agent;
    private OnnxPolicy policy;
    private AgentControl control;
    private ImaginedFuturesView futures;
    private AgentHud hud;
    private BitmapText caption;
    private Spatial target;
    private Path workDir;
    private float[] obs;
    private int episodesReported;
    private boolean left;
    /** The planner the agent decides with, for the caption (CEM, ILQR, MCTS, …). */
    private String plannerName = "";
    private boolean right;
    private boolean up;
    private boolean down;

    private final ActionListener listener = this::onAction;

    /**
     * @param level a physics level
     * @param options how the game started ({@code fromModel} as the menu's switch stands now)
     */
    LevelState(Level level, GameOptions options) {
        this.level = level;
        this.options = options;
        this.policyMode = options.policyMode();
        this.fromModel = options.fromModel() || options.modelFile() != null;
        this.modelFile = options.modelFile();
        this.seed = options.seed();
        this.plannerConfig = options.plannerConfig();
        this.treeSearch = options.treeSearch();
        this.pushes = new RandomStream(seed ^ 0x5eed);
    }

    /**
     * @param level any level
     * @param options how the game started ({@code fromModel} as the menu's switch stands now)
     * @return the app state that plays it
     */
    static BaseAppState of(Level level, GameOptions options) {
        return level.physics() ? new LevelState(level, options) : new MazeLevelState(options);
    }

    @Override
    protected void initialize(Application application) {
        app = (SimpleApplication) application;
        AssetManager assets = app.getAssetManager();
        PhysicsNatives.load(); // before BulletAppState, which would otherwise load its own copy
        bullet = new BulletAppState();
        getStateManager().attach(bullet);
        task = level.newTask();
        int repeat = PhysicsEnvironment.DEFAULT_ACTION_REPEAT;
        EnvSpec spec = task.spec(repeat * PhysicsEnvironment.PHYSICS_STEP_SECONDS);
        obs = new float[spec.obsDim()];
        String problem = null;
        OnnxDynamicsModel model = null;
        if (fromModel) {
            String asset = level.modelAsset();
            if (modelFile != null) {
                Path folder = modelFile.toAbsolutePath().getParent();
                assets.registerLocator(folder.toString(), FileLocator.class);
                asset = modelFile.getFileName().toString();
            }
            try {
                model = assets.loadAsset(new OnnxModelKey(asset));
                model.requireCompatible(spec);
            } catch (RuntimeException e) {
                if (model != null) {
                    model.close();
                    model = null;
                }
                problem = "cannot use " + asset + " (" + rootMessage(e) + "); learning live instead";
                logger.warning(problem);
            } finally {
                if (modelFile != null) {
                    assets.unregisterLocator(modelFile.toAbsolutePath().getParent().toString(), FileLocator.class);
                }
            }
        }
        try {
            workDir = Files.createTempDirectory("foresight-" + level.id());
            LivePets.Settings settings = LivePets.Settings.defaults(seed).withPlanner(plannerConfig);
            MctsDecisions tree = null;
            if (treeSearch) {
                try {
                    tree = new MctsDecisions(spec, Environments.discreteLevels(level.id()), MctsConfig.interactive(seed + 1),
                            TREE_HORIZON);
                } catch (IllegalArgumentException e) {
                    problem = (problem == null ? "" : problem + "; ") + "tree search: " + rootMessage(e)
                            + "; planning with CEM instead";
                    logger.warning(problem);
                }
            }
            plannerName = tree != null ? "MCTS" : plannerConfig.optimizer().kind().id().toUpperCase(java.util.Locale.ROOT);
            agent = tree == null ? LivePets.create(spec, settings, LiveAgent.Mode.LEARN, model, workDir)
                    : LivePets.create(spec, settings, LiveAgent.Mode.LEARN, model, workDir, tree);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the agent's work folder: " + e.getMessage(), e);
        }
        if (problem != null) {
            agent.setMessage(problem);
        }
        agent.setHeuristic(this::keyboard);
        loadShippedPolicy(assets, spec);
        if (policyMode) {
            if (agent.hasPolicy()) {
                agent.setMode(LiveAgent.Mode.POLICY);
            } else {
                agent.setMessage("no shipped policy " + level.policyAsset() + " for this level: learning instead");
            }
        }
        getStateManager().getState(ForesightAppState.class, true).manage(agent);

        scene.attachChild(PhysicsVisuals.of(task, assets, level.color()));
        decorate(assets);
        futures = new ImaginedFuturesView(task, spec.obsDim(), level.markerSize(), assets);
        scene.attachChild(futures);
        control = new AgentControl(task, agent, repeat, seed);
        scene.addControl(control);
        control.attach(bullet.getPhysicsSpace());

        AmbientLight ambient = new AmbientLight(ColorRGBA.White.mult(0.5f));
        DirectionalLight sun = new DirectionalLight(new Vector3f(-0.3f, -0.6f, -1f).normalizeLocal(), ColorRGBA.White);
        scene.addLight(ambient);
        scene.addLight(sun);

        hud = new AgentHud(level.title(), assets);
        hud.layout(app.getCamera().getWidth(), app.getCamera().getHeight());
        BitmapFont font = assets.loadFont("Interface/Fonts/Default.fnt");
        caption = new BitmapText(font);
        caption.setText(level.title() + ": " + level.goal() + (model != null ? "  (started from " + (modelFile != null ? modelFile.getFileName() : level.modelAsset()) + ")" : "")
                + "  planner: " + plannerName);
        caption.setLocalTranslation(app.getCamera().getWidth() / 2f - caption.getLineWidth() / 2f, 40f, 0f);
    }

    /**
     * Loads the level's shipped policy ({@code models/LEVEL-policy.onnx}) if the jar has one, for
     * {@link LiveAgent.Mode#POLICY}; a broken file is a HUD message, not a crash.
     */
    private void loadShippedPolicy(AssetManager assets, EnvSpec spec) {
        String asset = level.policyAsset();
        if (assets.locateAsset(new AssetKey<>(asset)) == null) {
            return;
        }
        try {
            OnnxPolicy loaded = assets.loadAsset(new OnnxPolicyKey(asset));
            try {
                loaded.requireCompatible(spec);
            } catch (RuntimeException e) {
                loaded.close();
                throw e;
            }
            policy = loaded;
            agent.setPolicy(loaded::act);
        } catch (RuntimeException e) {
            String problem = "cannot use " + asset + " (" + rootMessage(e) + "); no POLICY mode";
            logger.warning(problem);
            agent.setMessage(problem);
        }
    }

    /** @return the loader's own message (an IOException naming the file) if there is one, else the deepest */
    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof IOException)) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }

    /** Static scenery and the target marker. */
    private void decorate(AssetManager assets) {
        ColorRGBA grey = new ColorRGBA(0.55f, 0.57f, 0.6f, 1f);
        switch (level) {
            case PENDULUM -> scene.attachChild(lit(new Geometry("pivot", new Sphere(12, 12, 0.05f)), grey, assets));
            case CARTPOLE -> {
                float half = CartpoleTask.RAIL_HALF_LENGTH + 0.2f;
                Geometry rail = lit(new Geometry("rail", new Box(half, 0.01f, 0.01f)), grey, assets);
                rail.setLocalTranslation(0f, -0.12f, 0f);
                scene.attachChild(rail);
            }
            case REACHER -> {
                Geometry base = lit(new Geometry("base", new Cylinder(2, 16, 0.06f, 0.08f, true)), grey, assets);
                base.rotate((float) Math.PI / 2f, 0f, 0f);
                scene.attachChild(base);
                target = lit(new Geometry("target", new Sphere(12, 12, 0.04f)), new ColorRGBA(1f, 0.15f, 0.1f, 1f), assets);
                scene.attachChild(target);
            }
            case BALL -> {
                Geometry floor = lit(new Geometry("floor", new Box(6f, 0.01f, 6f)), new ColorRGBA(0.3f, 0.34f, 0.3f, 1f), assets);
                floor.setLocalTranslation(0f, -0.01f, 0f);
                scene.attachChild(floor);
                Geometry spot = lit(new Geometry("target", new Cylinder(2, 24, 0.35f, 0.01f, true)),
                        new ColorRGBA(1f, 0.15f, 0.1f, 1f), assets);
                spot.rotate((float) Math.PI / 2f, 0f, 0f);
                target = new Node("target");
                ((Node) target).attachChild(spot);
                scene.attachChild(target);
            }
        }
    }

    private static Geometry lit(Geometry geometry, ColorRGBA color, AssetManager assets) {
        Material material = new Material(assets, "Common/MatDefs/Light/Lighting.j3md");
        material.setBoolean("UseMaterialColors", true);
        material.setColor("Diffuse", color);
        material.setColor("Ambient", color.mult(0.5f));
        geometry.setMaterial(material);
        return geometry;
    }

    @Override
    public void update(float tpf) {
        control.observation(obs);
        if (target != null) {
            if (level == Level.BALL) {
                target.setLocalTranslation(obs[4], 0.01f, obs[5]);
            } else {
                target.setLocalTranslation(obs[4], 0f, -obs[5]);
            }
        }
        if (futures.getParent() != null) {
            futures.update(agent.imagination());
        }
        LiveAgent.Status status = agent.status();
        hud.update(tpf, status);
        if (status.episodesFinished() > episodesReported) {
            episodesReported = status.episodesFinished();
            System.out.printf(Locale.ROOT, "%s: episode %d return %.1f  (%s, model %s, planning %.0f ms per step)%n",
                    level.id(), episodesReported, status.lastReturn(), status.mode(),
                    !status.hasModel() ? "none yet" : status.retrainings() == 0 ? "loaded" : "retrained " + status.retrainings() + "x",
                    status.planMillisP50());
        }
    }

    /** The keyboard's action for {@link LiveAgent.Mode#HEURISTIC}: arrows, as the level reads them. */
    private void keyboard(float[] observation, float[] action) {
        float horizontal = (right ? 1f : 0f) - (left ? 1f : 0f);
        float vertical = (up ? 1f : 0f) - (down ? 1f : 0f);
        switch (level) {
            case PENDULUM -> action[0] = -2f * horizontal;
            case CARTPOLE -> action[0] = horizontal;
            case REACHER -> {
                action[0] = -horizontal;
                action[1] = vertical;
            }
            case BALL -> {
                action[0] = horizontal;
                action[1] = -vertical;
            }
        }
    }

    private void onAction(String name, boolean pressed, float tpf) {
        switch (name) {
            case "level.left" -> left = pressed;
            case "level.right" -> right = pressed;
            case "level.up" -> up = pressed;
            case "level.down" -> down = pressed;
            default -> {
                if (pressed) {
                    command(name);
                }
            }
        }
    }

    private void command(String name) {
        switch (name) {
            case "level.futures" -> {
                if (futures.getParent() == null) {
                    scene.attachChild(futures);
                } else {
                    futures.removeFromParent();
                }
            }
            case "level.hud" -> {
                if (hud.getParent() == null) {
                    app.getGuiNode().attachChild(hud);
                } else {
                    hud.removeFromParent();
                }
            }
            case "level.reset" -> control.requestReset();
            case "level.push" -> control.push(pushImpulse());
            case "level.mode" -> cycleMode();
            case "level.menu" -> {
                getStateManager().detach(this);
                getStateManager().attach(new MenuState(options));
            }
            case "level.click" -> clicked(app.getInputManager().getCursorPosition());
            default -> { }
        }
    }

    /** LEARN → PLAN (with a model) → POLICY (with a shipped policy) → HEURISTIC (the keyboard) → LEARN. */
    private void cycleMode() {
        LiveAgent.Status status = agent.status();
        LiveAgent.Mode next = switch (status.mode()) {
            case LEARN -> status.hasModel() ? LiveAgent.Mode.PLAN : afterPlan();
            case PLAN -> afterPlan();
            case POLICY -> LiveAgent.Mode.HEURISTIC;
            case HEURISTIC -> LiveAgent.Mode.LEARN;
        };
        agent.setMode(next);
    }

    private LiveAgent.Mode afterPlan() {
        return agent.hasPolicy() ? LiveAgent.Mode.POLICY : LiveAgent.Mode.HEURISTIC;
    }

    private Vector3f pushImpulse() {
        float sign = pushes.nextBoolean() ? 1f : -1f;
        return switch (level) {
            case PENDULUM -> new Vector3f(1.5f * sign, 0f, 0f);
            case CARTPOLE -> new Vector3f(1.5f * sign, 0f, 0f);
            case REACHER -> new Vector3f(0f, 0f, 0.4f * sign);
            case BALL -> {
                double angle = 2 * Math.PI * pushes.nextDouble();
                yield new Vector3f(4f * (float) Math.cos(angle), 0f, 4f * (float) Math.sin(angle));
            }
            case MAZE -> throw new IllegalStateException("the maze level is not a physics level");
        };
    }

    /** A click on the floor (y = 0) moves the ball's or the reacher's target there. */
    private void clicked(Vector2f cursor) {
        if (level != Level.BALL && level != Level.REACHER) {
            return;
        }
        Vector3f near = app.getCamera().getWorldCoordinates(cursor, 0f);
        Vector3f far = app.getCamera().getWorldCoordinates(cursor, 1f);
        Vector3f direction = far.subtract(near);
        if (Math.abs(direction.y) < 1e-6f) {
            return;
        }
        float t = -near.y / direction.y;
        if (t < 0f) {
            return;
        }
        Vector3f hit = near.add(direction.mult(t));
        if (task instanceof BallTask ball) {
            float limit = 5.5f;
            ball.setTarget(Math.max(-limit, Math.min(limit, hit.x)), Math.max(-limit, Math.min(limit, hit.z)));
        } else if (task instanceof ReacherTask reacher) {
            float px = hit.x;
            float py = -hit.z;
            float radius = (float) Math.hypot(px, py);
            float reach = ReacherTask.LINK1 + ReacherTask.LINK2 - 0.05f;
            if (radius > reach) {
                px *= reach / radius;
                py *= reach / radius;
            }
            reacher.setTarget(px, py);
        }
        control.refreshObservation();
    }

    @Override
    protected void onEnable() {
        app.getRootNode().attachChild(scene);
        app.getGuiNode().attachChild(hud);
        app.getGuiNode().attachChild(caption);
        app.getCamera().setLocation(level.cameraLocation());
        app.getCamera().lookAt(level.lookAt(), Vector3f.UNIT_Y);
        InputManager input = app.getInputManager();
        input.addMapping("level.futures", new KeyTrigger(KeyInput.KEY_T));
        input.addMapping("level.hud", new KeyTrigger(KeyInput.KEY_H));
        input.addMapping("level.reset", new KeyTrigger(KeyInput.KEY_R));
        input.addMapping("level.push", new KeyTrigger(KeyInput.KEY_P));
        input.addMapping("level.mode", new KeyTrigger(KeyInput.KEY_M));
        input.addMapping("level.menu", new KeyTrigger(KeyInput.KEY_ESCAPE));
        input.addMapping("level.click", new MouseButtonTrigger(MouseInput.BUTTON_LEFT));
        input.addMapping("level.left", new KeyTrigger(KeyInput.KEY_LEFT));
        input.addMapping("level.right", new KeyTrigger(KeyInput.KEY_RIGHT));
        input.addMapping("level.up", new KeyTrigger(KeyInput.KEY_UP));
        input.addMapping("level.down", new KeyTrigger(KeyInput.KEY_DOWN));
        input.addListener(listener, KEYS);
    }

    @Override
    protected void onDisable() {
        scene.removeFromParent();
        hud.removeFromParent();
        caption.removeFromParent();
        KeyBindings.release(app.getInputManager(), listener, KEYS);
    }

    @Override
    protected void cleanup(Application application) {
        control.detach();
        scene.removeControl(control);
        ForesightAppState threads = getStateManager().getState(ForesightAppState.class);
        if (threads != null) {
            threads.release(agent);
        } else {
            agent.close();
        }
        getStateManager().detach(bullet);
        if (policy != null) {
            policy.close();
        }
        deleteQuietly(workDir);
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            logger.fine("could not delete " + folder + ": " + e.getMessage());
        }
    }
}
