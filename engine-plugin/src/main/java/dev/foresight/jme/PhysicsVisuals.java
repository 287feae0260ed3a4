package dev.foresight.jme;

import com.jme3.asset.AssetManager;
import com.jme3.bullet.collision.PhysicsCollisionObject;
import com.jme3.bullet.objects.PhysicsRigidBody;
import com.jme3.bullet.util.DebugShapeFactory;
import com.jme3.material.Material;
import com.jme3.math.ColorRGBA;
import com.jme3.renderer.RenderManager;
import com.jme3.renderer.ViewPort;
import com.jme3.scene.Geometry;
import com.jme3.scene.Node;
import com.jme3.scene.control.AbstractControl;
import dev.foresight.env.physics.PhysicsTask;

/**
 * Plain visuals for a task's rigid bodies: one lit geometry per body, shaped like its collision
 * shape, following the body every frame. Good enough for the built-in tasks; a game would attach
 * its own models the same way (a control copying the body's transform).
 *
 * <p>Threading: render thread.
 */
public final class PhysicsVisuals {
    private PhysicsVisuals() {
    }

    /**
     * @param task the character (unaffected)
     * @param assetManager loads the lighting material (not null)
     * @param color the bodies' colour (static bodies are drawn grey)
     * @return a node with one geometry per rigid body (static bodies that Minie cannot draw, such
     *         as infinite planes, are left out: draw a floor yourself)
     */
    public static Node of(PhysicsTask task, AssetManager assetManager, ColorRGBA color) {
        Node node = new Node("bodies");
        for (PhysicsCollisionObject object : task.collisionObjects()) {
            if (!(object instanceof PhysicsRigidBody body) || body.isStatic()) {
                continue;
            }
            Geometry geometry = new Geometry("body", DebugShapeFactory.getDebugMesh(body.getCollisionShape()));
            Material material = new Material(assetManager, "Common/MatDefs/Light/Lighting.j3md");
            material.setBoolean("UseMaterialColors", true);
            material.setColor("Diffuse", color);
            material.setColor("Ambient", color.mult(0.4f));
            material.setColor("Specular", ColorRGBA.White.mult(0.3f));
            material.setFloat("Shininess", 16f);
            geometry.setMaterial(material);
            geometry.addControl(new FollowBody(body));
            node.attachChild(geometry);
        }
        return node;
    }

    /** Copies a body's location and rotation to its spatial every frame. */
    static final class FollowBody extends AbstractControl {
        private final PhysicsRigidBody body;

        FollowBody(PhysicsRigidBody body) {
            this.body = body;
        }

        @Override
        protected void controlUpdate(float tpf) {
            spatial.setLocalTranslation(body.getPhysicsLocation(null));
            spatial.setLocalRotation(body.getPhysicsRotation(null));
        }

        @Override
        protected void controlRender(RenderManager renderManager, ViewPort viewPort) {
        }
    }
}
