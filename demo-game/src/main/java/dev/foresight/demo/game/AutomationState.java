package dev.foresight.demo.game;

import com.jme3.app.Application;
import com.jme3.app.state.BaseAppState;
import com.jme3.post.SceneProcessor;
import com.jme3.profile.AppProfiler;
import com.jme3.renderer.RenderManager;
import com.jme3.renderer.ViewPort;
import com.jme3.renderer.queue.RenderQueue;
import com.jme3.texture.FrameBuffer;
import com.jme3.texture.Image;
import com.jme3.util.BufferUtils;
import com.jme3.util.Screenshots;
import dev.foresight.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.imageio.ImageIO;

/**
 * {@code play --frames N --screenshot FILE --frame-times FILE}: records the time of every frame,
 * captures the N-th frame from the back buffer after it is rendered, writes both files atomically,
 * and ends the game (calling {@code done} with whether the files were written).
 */
final class AutomationState extends BaseAppState {
    private static final Logger logger = Logger.getLogger(AutomationState.class.getName());

    private final GameOptions options;
    private final Consumer<Boolean> done;
    private final StringBuilder frameTimes = new StringBuilder();
    private final java.util.List<Double> frameMillis = new java.util.ArrayList<>();
    private long lastFrameNanos;
    private int frames;
    private boolean finished;
    private Capture capture;

    AutomationState(GameOptions options, Consumer<Boolean> done) {
        this.options = options;
        this.done = done;
    }

    @Override
    protected void initialize(Application app) {
        capture = new Capture();
        // The GUI viewport renders last: its post-frame sees the whole picture, HUD included.
        app.getGuiViewPort().addProcessor(capture);
    }

    @Override
    public void update(float tpf) {
        long now = System.nanoTime();
        if (lastFrameNanos != 0) {
            double millis = (now - lastFrameNanos) / 1e6;
            frameTimes.append(String.format(Locale.ROOT, "%.3f%n", millis));
            frameMillis.add(millis);
        }
        lastFrameNanos = now;
        frames++;
        if (options.frames() > 0 && frames >= options.frames() + 1 && !finished) {
            finish(capture.image);
        }
    }

    /** Captures the frame numbered {@code options.frames()} after it is drawn. */
    private final class Capture implements SceneProcessor {
        private RenderManager renderManager;
        private int width;
        private int height;
        private BufferedImage image;

        @Override
        public void initialize(RenderManager rm, ViewPort vp) {
            renderManager = rm;
            width = vp.getCamera().getWidth();
            height = vp.getCamera().getHeight();
        }

        @Override
        public void postFrame(FrameBuffer out) {
            if (options.screenshot() == null || frames != options.frames() || image != null) {
                return;
            }
            ByteBuffer pixels = BufferUtils.createByteBuffer(width * height * 4);
            renderManager.getRenderer().readFrameBufferWithFormat(out, pixels, Image.Format.BGRA8);
            BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_4BYTE_ABGR);
            Screenshots.convertScreenShot(pixels, picture);
            image = picture;
        }

        @Override
        public void reshape(ViewPort vp, int w, int h) {
            width = w;
            height = h;
        }

        @Override
        public boolean isInitialized() {
            return renderManager != null;
        }

        @Override
        public void preFrame(float tpf) {
        }

        @Override
        public void postQueue(RenderQueue rq) {
        }

        @Override
        public void cleanup() {
        }

        @Override
        public void setProfiler(AppProfiler profiler) {
        }
    }

    private void finish(BufferedImage image) {
        finished = true;
        boolean ok = true;
        try {
            if (options.frameTimes() != null) {
                AtomicFiles.write(options.frameTimes(), frameTimes.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
            if (options.screenshot() != null) {
                if (image == null) {
                    throw new IOException("frame " + options.frames() + " was not captured");
                }
                BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
                rgb.getGraphics().drawImage(image, 0, 0, null);
                ByteArrayOutputStream png = new ByteArrayOutputStream();
                ImageIO.write(rgb, "png", png);
                AtomicFiles.write(options.screenshot(), png.toByteArray());
                System.out.println("screenshot: " + options.screenshot());
            }
            if (options.frameTimes() != null) {
                System.out.println("frame times: " + options.frameTimes());
            }
            if (!frameMillis.isEmpty()) {
                double[] sorted = frameMillis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                System.out.printf(Locale.ROOT, "frames=%d frame_ms_p50=%.2f frame_ms_p99=%.2f frame_ms_max=%.2f%n",
                        sorted.length, sorted[sorted.length / 2], sorted[(int) Math.floor(0.99 * (sorted.length - 1))],
                        sorted[sorted.length - 1]);
            }
        } catch (IOException | RuntimeException e) {
            logger.log(Level.SEVERE, "could not write the automation's files", e);
            ok = false;
        }
        done.accept(ok);
    }

    @Override
    protected void cleanup(Application app) {
        app.getGuiViewPort().removeProcessor(capture);
    }

    @Override
    protected void onEnable() {
    }

    @Override
    protected void onDisable() {
    }
}
