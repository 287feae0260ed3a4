package dev.foresight.jme;

import com.jme3.asset.AssetManager;
import com.jme3.font.BitmapFont;
import com.jme3.font.BitmapText;
import com.jme3.math.ColorRGBA;
import com.jme3.scene.Node;
import dev.foresight.agent.LiveAgent;
import java.util.Locale;

/**
 * A heads-up display of an agent's numbers: level, mode, episode, step, return (current and
 * last), transitions, retrainings and the model's held-out error, planning time per step, and the
 * latest problem. Attach it to the GUI node.
 *
 * <p>Threading: render thread.
 */
public final class AgentHud extends Node {
    private static final float REFRESH_SECONDS = 0.2f;
    private final BitmapText text;
    private final BitmapText problem;
    private final String level;
    private float sinceRefresh = Float.MAX_VALUE;

    /**
     * @param level the level's name, shown first
     * @param assetManager loads the default font (not null)
     */
    public AgentHud(String level, AssetManager assetManager) {
        super("agent hud");
        this.level = level;
        BitmapFont font = assetManager.loadFont("Interface/Fonts/Default.fnt");
        text = new BitmapText(font);
        text.setColor(ColorRGBA.White);
        attachChild(text);
        problem = new BitmapText(font);
        problem.setColor(new ColorRGBA(1f, 0.45f, 0.35f, 1f));
        attachChild(problem);
    }

    /**
     * Places the HUD in the top-left corner of a screen (problems wrap at its width).
     *
     * @param screenWidth the GUI viewport's width (in pixels)
     * @param screenHeight the GUI viewport's height (in pixels)
     */
    public void layout(int screenWidth, int screenHeight) {
        text.setLocalTranslation(10f, screenHeight - 10f, 0f);
        float top = screenHeight - 10f - 8.5f * text.getLineHeight();
        problem.setBox(new com.jme3.font.Rectangle(10f, top, screenWidth - 20f, 4 * text.getLineHeight()));
    }

    /**
     * Refreshes the numbers (at most five times a second).
     *
     * @param tpf seconds since the last frame
     * @param status the agent's status (not null)
     */
    public void update(float tpf, LiveAgent.Status status) {
        sinceRefresh += tpf;
        if (sinceRefresh < REFRESH_SECONDS) {
            return;
        }
        sinceRefresh = 0f;
        text.setText(format(level, status));
        problem.setText(status.message());
    }

    /**
     * @param level the level's name
     * @param status an agent's status
     * @return the HUD's lines
     */
    public static String format(String level, LiveAgent.Status status) {
        String model = !status.hasModel() ? "none yet (exploring)"
                : status.retrainings() == 0 ? "loaded" : "retrained " + status.retrainings() + "x";
        if (status.training()) {
            model += ", retraining...";
        }
        return String.format(Locale.ROOT, """
                Level: %s    Mode: %s
                Episode %d   step %d   return %.1f   (last %s)
                Transitions: %d
                Model: %s   holdout MSE %s
                Planning: %s ms per step (median)
                [T] futures  [H] HUD  [R] reset  [P] push  [M] mode  [Esc] menu""",
                level, status.mode(), status.episode(), status.step(), status.episodeReturn(),
                Float.isNaN(status.lastReturn()) ? "-" : String.format(Locale.ROOT, "%.1f", status.lastReturn()),
                status.transitions(), model,
                Double.isNaN(status.validationMse()) ? "-" : String.format(Locale.ROOT, "%.4f", status.validationMse()),
                Double.isNaN(status.planMillisP50()) ? "-" : String.format(Locale.ROOT, "%.1f", status.planMillisP50()));
    }
}
