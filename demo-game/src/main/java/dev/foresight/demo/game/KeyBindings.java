package dev.foresight.demo.game;

import com.jme3.input.InputManager;
import com.jme3.input.controls.ActionListener;

/** What every screen of the game does with its key mappings when it goes away. */
final class KeyBindings {
    private KeyBindings() {
    }

    /**
     * Deletes the mappings {@code names} and removes {@code listener} (render thread).
     *
     * @param input the application's input manager
     * @param listener the screen's listener
     * @param names the mappings the screen added
     */
    static void release(InputManager input, ActionListener listener, String... names) {
        for (String name : names) {
            input.deleteMapping(name);
        }
        input.removeListener(listener);
    }
}
