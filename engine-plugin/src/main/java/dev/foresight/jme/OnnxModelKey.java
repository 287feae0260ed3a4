package dev.foresight.jme;

import com.jme3.asset.AssetKey;
import com.jme3.asset.cache.AssetCache;
import dev.foresight.onnx.OnnxDynamicsModel;

/**
 * Names an {@code .onnx} dynamics model among a game's assets. Never cached: every load gives a
 * new {@link OnnxDynamicsModel} (an ONNX Runtime session with its own buffers), which the caller
 * owns and closes.
 */
public final class OnnxModelKey extends AssetKey<OnnxDynamicsModel> {
    /** @param name the asset path, e.g. {@code "Models/pendulum.onnx"} */
    public OnnxModelKey(String name) {
        super(name);
    }

    @Override
    public Class<? extends AssetCache> getCacheType() {
        return null;
    }
}
