package dev.foresight.jme;

import com.jme3.asset.AssetKey;
import com.jme3.asset.cache.AssetCache;
import dev.foresight.onnx.OnnxPolicy;

/**
 * Names a {@code policy.onnx} among a game's assets. Never cached: every load gives a new
 * {@link OnnxPolicy} (an ONNX Runtime session with its own buffers, one per agent), which the
 * caller owns and closes.
 */
public final class OnnxPolicyKey extends AssetKey<OnnxPolicy> {
    /** @param name the asset path, e.g. {@code "Models/pendulum-policy.onnx"} */
    public OnnxPolicyKey(String name) {
        super(name);
    }

    @Override
    public Class<? extends AssetCache> getCacheType() {
        return null;
    }
}
