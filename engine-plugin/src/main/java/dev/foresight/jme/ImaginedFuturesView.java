package dev.foresight.jme;

import com.jme3.asset.AssetManager;
import com.jme3.material.Material;
import com.jme3.material.RenderState;
import com.jme3.math.ColorRGBA;
import com.jme3.math.Vector3f;
import com.jme3.renderer.queue.RenderQueue;
import com.jme3.scene.Geometry;
import com.jme3.scene.Mesh;
import com.jme3.scene.Node;
import com.jme3.scene.VertexBuffer;
import com.jme3.scene.shape.Box;
import com.jme3.util.BufferUtils;
import dev.foresight.agent.Imagination;
import dev.foresight.env.physics.PhysicsTask;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws what an agent's planner imagines, through the task's {@link PhysicsTask#trackedPoint}:
 * the best plan as a bright line with a marker at each step (the mean over ensemble members),
 * each member's own prediction of the plan faintly with a marker at its end (their spread is the
 * model's disagreement), and a sample of the other candidates of the last optimiser iteration
 * more faintly still. Candidates that carry weights (a tree search's branches, weighted by their
 * share of the visits) are drawn as tubes whose thickness grows with the weight. Separate from the planner: it only reads {@link dev.foresight.agent.LiveAgent#imagination()}.
 *
 * <p>Threading: render thread; call {@link #update} once per frame.
 */
public final class ImaginedFuturesView extends Node {
    /** Colour of the best plan (unshaded, so a screenshot shows exactly this). */
    public static final ColorRGBA PLAN_COLOR = new ColorRGBA(1f, 0f, 1f, 1f);
    /** Colour of each member's end point. */
    public static final ColorRGBA MEMBER_COLOR = new ColorRGBA(1f, 0.85f, 0f, 1f);
    private static final ColorRGBA MEMBER_LINE_COLOR = new ColorRGBA(1f, 0.85f, 0f, 0.35f);
    private static final ColorRGBA CANDIDATE_COLOR = new ColorRGBA(0.4f, 0.8f, 1f, 0.25f);
    /** Colour of a weighted candidate (a searched branch). */
    public static final ColorRGBA BRANCH_COLOR = new ColorRGBA(0.4f, 0.8f, 1f, 0.6f);

    private final PhysicsTask task;
    private final AssetManager assetManager;
    private final int obsDim;
    private final float markerSize;
    private final Geometry planLine;
    private final List<Geometry> planMarkers = new ArrayList<>();
    private final List<Geometry> memberLines = new ArrayList<>();
    private final List<Geometry> memberEnds = new ArrayList<>();
    private final List<Geometry> candidateLines = new ArrayList<>();
    private final List<Geometry> branchTubes = new ArrayList<>();
    /** Scratch of {@link #setTube}, reused so that drawing a tree allocates nothing once buffers are large enough. */
    private float[] tubePoints = new float[0];
    private final Vector3f tubeFrom = new Vector3f();
    private final Vector3f tubeTo = new Vector3f();
    private final Vector3f tubeAlong = new Vector3f();
    private final Vector3f tubeAcross = new Vector3f();
    private final Vector3f tubeUp = new Vector3f();
    private final Vector3f[] tubeSides = {tubeAcross, tubeUp};
    private final Vector3f point = new Vector3f();
    private Imagination shown;

    /**
     * @param task the character, whose tracked point is drawn (not null)
     * @param obsDim the observation size
     * @param markerSize half the side of a plan-step marker (in metres; member end markers are 1.6× as large)
     * @param assetManager to load materials (not null)
     */
    public ImaginedFuturesView(PhysicsTask task, int obsDim, float markerSize, AssetManager assetManager) {
        super("imagined futures");
        this.task = task;
        this.obsDim = obsDim;
        this.markerSize = markerSize;
        this.assetManager = assetManager;
        this.planLine = line("best plan", PLAN_COLOR);
        setShadowMode(RenderQueue.ShadowMode.Off);
    }

    /**
     * Shows the agent's latest imagination (does nothing if it has not changed).
     *
     * @param imagination what to draw, or null to draw nothing
     */
    public void update(Imagination imagination) {
        if (imagination == shown) {
            return;
        }
        shown = imagination;
        if (imagination == null || !task.trackedPoint(imagination.start(), 0, point)) {
            setCullHint(CullHint.Always);
            return;
        }
        setCullHint(CullHint.Inherit);
        float[][] members = imagination.plan();
        int horizon = 0;
        for (float[] member : members) {
            horizon = Math.max(horizon, member.length / obsDim);
        }
        // The mean path over the members that are still in the episode at each step (a member's
        // future ends where it predicts termination).
        float[] mean = new float[horizon * obsDim];
        for (int t = 0; t < horizon; t++) {
            int reaching = 0;
            for (float[] member : members) {
                reaching += member.length > t * obsDim ? 1 : 0;
            }
            for (float[] member : members) {
                if (member.length > t * obsDim) {
                    for (int d = 0; d < obsDim; d++) {
                        mean[t * obsDim + d] += member[t * obsDim + d] / reaching;
                    }
                }
            }
        }
        setPath(planLine, imagination.start(), mean);
        while (planMarkers.size() < horizon) {
            Geometry marker = new Geometry("plan step", new Box(markerSize, markerSize, markerSize));
            marker.setMaterial(material(PLAN_COLOR));
            attachChild(marker);
            planMarkers.add(marker);
        }
        for (int t = 0; t < planMarkers.size(); t++) {
            Geometry marker = planMarkers.get(t);
            if (t < horizon && task.trackedPoint(mean, t * obsDim, point) && Vector3f.isValidVector(point)) {
                marker.setLocalTranslation(point);
                marker.setCullHint(CullHint.Inherit);
            } else {
                marker.setCullHint(CullHint.Always);
            }
        }
        ensure(memberLines, members.length, () -> line("member", MEMBER_LINE_COLOR));
        ensure(memberEnds, members.length, () -> {
            Geometry end = new Geometry("member end", new Box(1.6f * markerSize, 1.6f * markerSize, 1.6f * markerSize));
            end.setMaterial(material(MEMBER_COLOR));
            return end;
        });
        for (int m = 0; m < members.length; m++) {
            setPath(memberLines.get(m), imagination.start(), members[m]);
            Geometry end = memberEnds.get(m);
            int steps = members[m].length / obsDim;
            if (steps > 0 && task.trackedPoint(members[m], (steps - 1) * obsDim, point) && Vector3f.isValidVector(point)) {
                end.setLocalTranslation(point);
                end.setCullHint(CullHint.Inherit);
            } else {
                end.setCullHint(CullHint.Always);
            }
        }
        float[][] candidates = imagination.candidates();
        float[] weights = imagination.weights();
        int lines = weights == null ? candidates.length : 0;
        int tubes = weights == null ? 0 : candidates.length;
        ensure(candidateLines, lines, () -> line("candidate", CANDIDATE_COLOR));
        ensure(branchTubes, tubes, this::tube);
        for (int c = 0; c < candidateLines.size(); c++) {
            Geometry line = candidateLines.get(c);
            if (c < lines) {
                setPath(line, imagination.start(), candidates[c]);
                line.setCullHint(CullHint.Inherit);
            } else {
                line.setCullHint(CullHint.Always);
            }
        }
        for (int c = 0; c < branchTubes.size(); c++) {
            Geometry tube = branchTubes.get(c);
            if (c < tubes) {
                setTube(tube, imagination.start(), candidates[c], markerSize * (0.25f + 2f * weights[c]));
            } else {
                tube.setCullHint(CullHint.Always);
            }
        }
    }

    private Geometry tube() {
        Mesh mesh = new Mesh();
        mesh.setBuffer(VertexBuffer.Type.Position, 3, BufferUtils.createFloatBuffer(3));
        mesh.setBuffer(VertexBuffer.Type.Index, 3, BufferUtils.createIntBuffer(3));
        Geometry geometry = new Geometry("searched branch", mesh);
        Material material = material(BRANCH_COLOR);
        material.getAdditionalRenderState().setFaceCullMode(RenderState.FaceCullMode.Off);
        geometry.setMaterial(material);
        geometry.setQueueBucket(RenderQueue.Bucket.Transparent);
        return geometry;
    }

    /**
     * Makes a tube of two crossed ribbons of half-width {@code halfWidth} through the start's point
     * and each state's point (non-finite points end it): visible edge-on from no direction.
     */
    private void setTube(Geometry tube, float[] start, float[] states, float halfWidth) {
        int steps = states.length / obsDim;
        if (tubePoints.length < 3 * (steps + 1)) {
            tubePoints = new float[3 * (steps + 1)];
        }
        int count = 0;
        for (int t = -1; t < steps; t++) {
            boolean ok = t < 0 ? task.trackedPoint(start, 0, point) : task.trackedPoint(states, t * obsDim, point);
            if (!ok || !Vector3f.isValidVector(point)) {
                break;
            }
            tubePoints[3 * count] = point.x;
            tubePoints[3 * count + 1] = point.y;
            tubePoints[3 * count + 2] = point.z;
            count++;
        }
        int segments = Math.max(0, count - 1);
        Mesh mesh = tube.getMesh();
        FloatBuffer positions = (FloatBuffer) mesh.getBuffer(VertexBuffer.Type.Position).getData();
        java.nio.IntBuffer indices = (java.nio.IntBuffer) mesh.getBuffer(VertexBuffer.Type.Index).getData();
        if (positions.capacity() < segments * 8 * 3) {
            positions = BufferUtils.createFloatBuffer(segments * 8 * 3);
            indices = BufferUtils.createIntBuffer(segments * 12);
        }
        positions.clear();
        indices.clear();
        int vertex = 0;
        for (int i = 0; i < segments; i++) {
            tubeFrom.set(tubePoints[3 * i], tubePoints[3 * i + 1], tubePoints[3 * i + 2]);
            tubeTo.set(tubePoints[3 * i + 3], tubePoints[3 * i + 4], tubePoints[3 * i + 5]);
            tubeTo.subtract(tubeFrom, tubeAlong);
            if (tubeAlong.lengthSquared() < 1e-12f) {
                continue;
            }
            tubeAlong.cross(Vector3f.UNIT_Z, tubeAcross);
            if (tubeAcross.lengthSquared() < 1e-12f * tubeAlong.lengthSquared()) {
                tubeAlong.cross(Vector3f.UNIT_Y, tubeAcross);
            }
            tubeAcross.normalizeLocal();
            tubeAlong.cross(tubeAcross, tubeUp).normalizeLocal();
            for (Vector3f side : tubeSides) {
                float ox = side.x * halfWidth;
                float oy = side.y * halfWidth;
                float oz = side.z * halfWidth;
                positions.put(tubeFrom.x + ox).put(tubeFrom.y + oy).put(tubeFrom.z + oz);
                positions.put(tubeFrom.x - ox).put(tubeFrom.y - oy).put(tubeFrom.z - oz);
                positions.put(tubeTo.x - ox).put(tubeTo.y - oy).put(tubeTo.z - oz);
                positions.put(tubeTo.x + ox).put(tubeTo.y + oy).put(tubeTo.z + oz);
                indices.put(vertex).put(vertex + 1).put(vertex + 2).put(vertex).put(vertex + 2).put(vertex + 3);
                vertex += 4;
            }
        }
        if (vertex == 0) {
            tube.setCullHint(CullHint.Always);
            return;
        }
        positions.flip();
        indices.flip();
        mesh.getBuffer(VertexBuffer.Type.Position).updateData(positions);
        mesh.getBuffer(VertexBuffer.Type.Index).updateData(indices);
        mesh.updateCounts();
        mesh.updateBound();
        tube.updateModelBound();
        tube.setCullHint(CullHint.Inherit);
    }

    private interface Factory {
        Geometry make();
    }

    private void ensure(List<Geometry> pool, int count, Factory factory) {
        while (pool.size() < count) {
            Geometry geometry = factory.make();
            attachChild(geometry);
            pool.add(geometry);
        }
    }

    private Geometry line(String name, ColorRGBA color) {
        Mesh mesh = new Mesh();
        mesh.setMode(Mesh.Mode.LineStrip);
        mesh.setBuffer(VertexBuffer.Type.Position, 3, BufferUtils.createFloatBuffer(3));
        Geometry geometry = new Geometry(name, mesh);
        geometry.setMaterial(material(color));
        if (color.a < 1f) {
            geometry.setQueueBucket(RenderQueue.Bucket.Transparent);
        }
        attachChild(geometry);
        return geometry;
    }

    private Material material(ColorRGBA color) {
        Material material = new Material(assetManager, "Common/MatDefs/Misc/Unshaded.j3md");
        material.setColor("Color", color);
        if (color.a < 1f) {
            material.getAdditionalRenderState().setBlendMode(RenderState.BlendMode.Alpha);
        }
        return material;
    }

    /**
     * Sets a line strip through the start's point and each state's point (non-finite points end
     * it), reusing the mesh's vertex buffer when it is large enough.
     */
    private void setPath(Geometry line, float[] start, float[] states) {
        int steps = states.length / obsDim;
        Mesh mesh = line.getMesh();
        VertexBuffer vertices = mesh.getBuffer(VertexBuffer.Type.Position);
        FloatBuffer positions = (FloatBuffer) vertices.getData();
        if (positions.capacity() < 3 * (steps + 1)) {
            positions = BufferUtils.createFloatBuffer(3 * (steps + 1));
        }
        positions.clear();
        int count = 0;
        for (int t = -1; t < steps; t++) {
            boolean ok = t < 0 ? task.trackedPoint(start, 0, point) : task.trackedPoint(states, t * obsDim, point);
            if (!ok || !Vector3f.isValidVector(point)) {
                break;
            }
            positions.put(point.x).put(point.y).put(point.z);
            count++;
        }
        positions.flip();
        vertices.updateData(positions);
        mesh.updateCounts();
        mesh.updateBound();
        line.updateModelBound();
        line.setCullHint(count >= 2 ? CullHint.Inherit : CullHint.Always);
    }
}
