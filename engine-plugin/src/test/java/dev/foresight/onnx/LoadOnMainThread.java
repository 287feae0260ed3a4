package dev.foresight.onnx;

import java.nio.file.Path;

/** The child JVM of {@link OnnxRuntimeStartTest}: loads a model on the main thread and prints {@code ok}. */
public final class LoadOnMainThread {
    private LoadOnMainThread() {
    }

    public static void main(String[] args) throws Exception {
        try (OnnxDynamicsModel model = new OnnxDynamicsModel(Path.of(args[0]))) {
            System.out.println(model.obsDim() > 0 ? "ok" : "no");
        }
    }
}
