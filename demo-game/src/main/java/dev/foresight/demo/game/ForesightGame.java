package dev.foresight.demo.game;

import com.jme3.app.SimpleApplication;
import com.jme3.app.StatsAppState;
import com.jme3.math.ColorRGBA;
import com.jme3.system.AppSettings;
import dev.foresight.jme.ForesightAppState;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/**
 * The demo game: a level menu (pendulum, cart-pole, reacher, ball: an agent learning, or planning
 * with the shipped model, live, its imagined futures drawn, with a HUD; the maze: Dyna agents racing).
 *
 * <p>Runs on jME's own render thread; {@link #play} blocks the caller until the window closes.
 */
public final class ForesightGame extends SimpleApplication {
    private static final Logger logger = Logger.getLogger(ForesightGame.class.getName());

    private final GameOptions options;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean firstFrameRendered;
    private volatile Throwable failure;
    private volatile String failureMessage;
    private volatile boolean automationFailed;

    private ForesightGame(GameOptions options) {
        super(new StatsAppState());
        this.options = options;
    }

    /** Why the game could not run. */
    public static final class GameFailure extends Exception {
        private final boolean beforeFirstFrame;

        GameFailure(String message, Throwable cause, boolean beforeFirstFrame) {
            super(message, cause);
            this.beforeFirstFrame = beforeFirstFrame;
        }

        /** @return true if no frame was ever shown (e.g. no display or no OpenGL) */
        public boolean beforeFirstFrame() {
            return beforeFirstFrame;
        }
    }

    /**
     * Opens the window and runs the game until the player quits or the automation is done.
     *
     * @param options how to start (not null)
     * @throws GameFailure if the window cannot be opened or the game fails
     * @throws InterruptedException if interrupted while waiting
     */
    public static void play(GameOptions options) throws GameFailure, InterruptedException {
        ForesightGame game = new ForesightGame(options);
        AppSettings settings = new AppSettings(true);
        settings.setTitle("Foresight — model-based agents in jMonkeyEngine");
        settings.setResolution(options.width(), options.height());
        settings.setVSync(false);
        settings.setFrameRate(options.fps() > 0 ? options.fps() : -1);
        settings.setAudioRenderer(null);
        settings.setSamples(0);
        game.setSettings(settings);
        game.setShowSettings(false);
        game.setPauseOnLostFocus(false);
        game.start();
        game.finished.await();
        if (game.failure != null || game.failureMessage != null) {
            throw new GameFailure(game.failureMessage, game.failure, !game.firstFrameRendered);
        }
        if (game.automationFailed) {
            throw new GameFailure("the automation could not write its files (see the log)", null, false);
        }
    }

    @Override
    public void simpleInitApp() {
        setDisplayStatView(false);
        viewPort.setBackgroundColor(new ColorRGBA(0.07f, 0.08f, 0.11f, 1f));
        inputManager.deleteMapping(INPUT_MAPPING_EXIT);
        inputManager.setCursorVisible(true);
        stateManager.attach(new ForesightAppState());
        if (options.frames() > 0 || options.frameTimes() != null) {
            stateManager.attach(new AutomationState(options, ok -> {
                automationFailed = !ok;
                stop();
            }));
        }
        if (options.level() != null) {
            stateManager.attach(LevelState.of(options.level(), options));
        } else {
            stateManager.attach(new MenuState(options));
        }
    }

    @Override
    public void simpleUpdate(float tpf) {
        firstFrameRendered = true;
    }

    @Override
    public void handleError(String errorMessage, Throwable t) {
        if (failure == null && failureMessage == null) {
            failure = t;
            failureMessage = errorMessage + (t != null && t.getMessage() != null ? ": " + t.getMessage() : "");
        }
        logger.severe(failureMessage);
        stop();
        finished.countDown();
    }

    @Override
    public void destroy() {
        try {
            super.destroy();
        } finally {
            finished.countDown();
        }
    }
}
