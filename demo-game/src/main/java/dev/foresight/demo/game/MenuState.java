package dev.foresight.demo.game;

import com.jme3.app.Application;
import com.jme3.app.SimpleApplication;
import com.jme3.app.state.BaseAppState;
import com.jme3.font.BitmapFont;
import com.jme3.font.BitmapText;
import com.jme3.input.KeyInput;
import com.jme3.input.MouseInput;
import com.jme3.input.controls.ActionListener;
import com.jme3.input.controls.KeyTrigger;
import com.jme3.input.controls.MouseButtonTrigger;
import com.jme3.math.ColorRGBA;
import com.jme3.math.Vector2f;
import com.jme3.scene.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * The level menu: a key (1–5) or a click on a level starts it; S toggles starting from the shipped
 * model; Esc quits.
 */
final class MenuState extends BaseAppState {
    private static final String[] LEVEL_KEYS = {"menu.1", "menu.2", "menu.3", "menu.4", "menu.5"};
    private static final String CLICK = "menu.click";
    private static final String TOGGLE_MODEL = "menu.model";
    private static final String QUIT = "menu.quit";

    private final GameOptions options;
    private boolean fromModel;
    private final Node screen = new Node("menu");
    private final List<BitmapText> levelLines = new ArrayList<>();
    private BitmapText modelLine;
    private SimpleApplication app;

    private final ActionListener listener = (name, pressed, tpf) -> {
        if (!pressed) {
            return;
        }
        for (int i = 0; i < LEVEL_KEYS.length; i++) {
            if (LEVEL_KEYS[i].equals(name)) {
                open(Level.values()[i]);
                return;
            }
        }
        switch (name) {
            case CLICK -> clicked(app.getInputManager().getCursorPosition());
            case TOGGLE_MODEL -> {
                fromModel = !fromModel;
                refresh();
            }
            case QUIT -> app.stop();
            default -> { }
        }
    };

    MenuState(GameOptions options) {
        this.options = options;
        this.fromModel = options.fromModel();
    }

    @Override
    protected void initialize(Application application) {
        app = (SimpleApplication) application;
        BitmapFont font = app.getAssetManager().loadFont("Interface/Fonts/Default.fnt");
        int height = app.getCamera().getHeight();
        BitmapText title = new BitmapText(font);
        title.setSize(font.getCharSet().getRenderedSize() * 2.5f);
        title.setText("Foresight");
        title.setLocalTranslation(80f, height - 80f, 0f);
        screen.attachChild(title);
        BitmapText subtitle = new BitmapText(font);
        subtitle.setText("Agents that learn a model of their world and plan with it. Choose a level:");
        subtitle.setLocalTranslation(80f, height - 150f, 0f);
        screen.attachChild(subtitle);
        Level[] levels = Level.values();
        for (int i = 0; i < levels.length; i++) {
            BitmapText line = new BitmapText(font);
            line.setSize(font.getCharSet().getRenderedSize() * 1.5f);
            line.setColor(levels[i].color());
            line.setText((i + 1) + "   " + levels[i].title() + "  -  " + levels[i].goal());
            line.setLocalTranslation(100f, height - 210f - 50f * i, 0f);
            screen.attachChild(line);
            levelLines.add(line);
        }
        modelLine = new BitmapText(font);
        modelLine.setLocalTranslation(100f, height - 230f - 50f * levels.length, 0f);
        screen.attachChild(modelLine);
        BitmapText help = new BitmapText(font);
        help.setText("In a level: [T] imagined futures  [H] HUD  [R] reset  [P] push  [M] mode (learn / plan / keyboard)"
                + "  [arrows] keyboard control  [Esc] back to this menu");
        help.setLocalTranslation(80f, 60f, 0f);
        screen.attachChild(help);
        refresh();
    }

    private void refresh() {
        modelLine.setText("[S] start from the shipped model: " + (fromModel ? "ON (plan with models/LEVEL.onnx, keep learning)"
                : "OFF (learn from scratch)"));
    }

    private void clicked(Vector2f cursor) {
        for (int i = 0; i < levelLines.size(); i++) {
            BitmapText line = levelLines.get(i);
            float top = line.getLocalTranslation().y;
            if (cursor.y <= top && cursor.y >= top - line.getHeight() && cursor.x >= line.getLocalTranslation().x
                    && cursor.x <= line.getLocalTranslation().x + line.getLineWidth()) {
                open(Level.values()[i]);
                return;
            }
        }
    }

    private void open(Level level) {
        getStateManager().detach(this);
        getStateManager().attach(LevelState.of(level, options.withFromModel(fromModel)));
    }

    @Override
    protected void onEnable() {
        app.getGuiNode().attachChild(screen);
        var input = app.getInputManager();
        int[] keys = {KeyInput.KEY_1, KeyInput.KEY_2, KeyInput.KEY_3, KeyInput.KEY_4, KeyInput.KEY_5};
        for (int i = 0; i < LEVEL_KEYS.length; i++) {
            input.addMapping(LEVEL_KEYS[i], new KeyTrigger(keys[i]));
        }
        input.addMapping(CLICK, new MouseButtonTrigger(MouseInput.BUTTON_LEFT));
        input.addMapping(TOGGLE_MODEL, new KeyTrigger(KeyInput.KEY_S));
        input.addMapping(QUIT, new KeyTrigger(KeyInput.KEY_ESCAPE));
        input.addListener(listener, LEVEL_KEYS);
        input.addListener(listener, CLICK, TOGGLE_MODEL, QUIT);
    }

    @Override
    protected void onDisable() {
        screen.removeFromParent();
        KeyBindings.release(app.getInputManager(), listener, LEVEL_KEYS);
        KeyBindings.release(app.getInputManager(), listener, CLICK, TOGGLE_MODEL, QUIT);
    }

    @Override
    protected void cleanup(Application application) {
    }
}
