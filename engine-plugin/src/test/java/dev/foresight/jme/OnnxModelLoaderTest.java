package dev.foresight.jme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.asset.AssetLoadException;
import com.jme3.asset.AssetManager;
import com.jme3.asset.AssetNotFoundException;
import com.jme3.asset.DesktopAssetManager;
import com.jme3.asset.plugins.FileLocator;
import dev.foresight.model.Prediction;
import dev.foresight.onnx.ModelMetadata;
import dev.foresight.onnx.OnnxDynamicsModel;
import dev.foresight.onnx.OnnxExporter;
import dev.foresight.planning.PointMassPlanningTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import dev.foresight.env.EnvSpec;
import dev.foresight.onnx.OnnxPolicy;
import dev.foresight.onnx.PolicyExporter;
import dev.foresight.onnx.PolicyMetadata;
import dev.foresight.policy.ActorWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code .onnx} dynamics models through jME's AssetManager: loaded, not cached, bad files named. */
class OnnxModelLoaderTest {
    @TempDir
    Path dir;

    private AssetManager assets() {
        AssetManager assets = new DesktopAssetManager(false);
        assets.registerLocator(dir.toString(), FileLocator.class);
        OnnxModelLoader.register(assets);
        return assets;
    }

    @Test
    void loadsAnExportedModelAsAFreshSessionEachTime() throws Exception {
        Files.createDirectories(dir.resolve("Models"));
        OnnxExporter.export(PointMassPlanningTest.exactPointMass(),
                new ModelMetadata("point-mass", List.of("x", "v"), List.of("a"), 0, Map.of()), dir.resolve("Models/pm.onnx"));
        AssetManager assets = assets();
        try (OnnxDynamicsModel first = assets.loadAsset(new OnnxModelKey("Models/pm.onnx"));
             OnnxDynamicsModel second = assets.loadAsset(new OnnxModelKey("Models/pm.onnx"))) {
            assertNotSame(first, second, "sessions are not cached");
            assertEquals("point-mass", first.envName());
            Prediction out = new Prediction(2, 1, 2);
            first.predict(new float[] {0f, 1f, 0f, 1f}, new float[] {0.5f, 0.5f}, 1, out);
            assertEquals(0.1f, out.nextObsMean()[0], 1e-3f, "x' = x + v·dt");
            assertEquals(1.05f, out.nextObsMean()[1], 1e-3f, "v' = v + a·dt");
        }
    }

    @Test
    void aCorruptOrMissingModelFailsWithItsName() throws Exception {
        Files.write(dir.resolve("broken.onnx"), new byte[] {1, 2, 3, 4, 5});
        AssetManager assets = assets();
        AssetLoadException corrupt = assertThrows(AssetLoadException.class,
                () -> assets.loadAsset(new OnnxModelKey("broken.onnx")));
        String message = corrupt.getMessage() + " / " + (corrupt.getCause() == null ? "" : corrupt.getCause().getMessage());
        assertTrue(message.contains("broken.onnx"), message);
        assertThrows(AssetNotFoundException.class, () -> assets.loadAsset(new OnnxModelKey("missing.onnx")));
    }

    @Test
    void aPolicyLoadsAsAPolicyAndTheKindsAreNotMixedUp() throws Exception {
        EnvSpec spec = PointMassPlanningTest.pointMassSpec();
        PolicyExporter.export(ActorWeights.random(2, 1, List.of(8), new float[] {-1f}, new float[] {1f},
                ActorWeights.Squash.TANH, 3), PolicyMetadata.of(spec, "test", 0, Map.of()), dir.resolve("policy.onnx"));
        OnnxExporter.export(PointMassPlanningTest.exactPointMass(),
                new ModelMetadata("point-mass", List.of("x", "v"), List.of("a"), 0, Map.of()), dir.resolve("pm.onnx"));
        AssetManager assets = assets();
        try (OnnxPolicy policy = assets.loadAsset(new OnnxPolicyKey("policy.onnx"))) {
            float[] action = new float[1];
            policy.act(new float[] {0.5f, -0.5f}, action);
            assertTrue(action[0] >= -1f && action[0] <= 1f);
        }
        Object byItsKind = assets.loadAsset(new com.jme3.asset.AssetKey<>("policy.onnx"));
        assertTrue(byItsKind instanceof OnnxPolicy, "a plain key loads what the file says it is: " + byItsKind);
        ((OnnxPolicy) byItsKind).close();
        Object model = assets.loadAsset(new com.jme3.asset.AssetKey<>("pm.onnx"));
        assertTrue(model instanceof OnnxDynamicsModel, String.valueOf(model));
        ((OnnxDynamicsModel) model).close();
        AssetLoadException wrong = assertThrows(AssetLoadException.class, () -> assets.loadAsset(new OnnxModelKey("policy.onnx")));
        String message = wrong.getMessage() + " / " + (wrong.getCause() == null ? "" : wrong.getCause().getMessage());
        assertTrue(message.contains("it is a policy file"), message);
    }
}
