package dev.foresight.jme;

import com.jme3.asset.AssetManager;
import com.jme3.material.Material;
import com.jme3.material.RenderState;
import com.jme3.math.ColorRGBA;
import com.jme3.math.FastMath;
import com.jme3.math.Vector3f;
import com.jme3.scene.Geometry;
import com.jme3.scene.Mesh;
import com.jme3.scene.Node;
import com.jme3.scene.VertexBuffer;
import com.jme3.scene.shape.Box;
import com.jme3.scene.shape.Sphere;
import com.jme3.util.BufferUtils;
import dev.foresight.env.grid.GridMap;
import dev.foresight.env.grid.GridWorld;
import dev.foresight.tabular.QTable;
import java.nio.FloatBuffer;

/**
 * Draws a grid world and what a tabular agent knows about it: a floor tile per cell tinted by the
 * state's value {@code max_a Q(s, a)} (dark: nothing learnt; {@link #VALUE_COLOR}: the highest
 * value in the table), an arrow for the greedy action on every cell with a positive value, a mark
 * in the corner of each cell that the latest planning updates touched flashing {@link #FLASH_COLOR}, the walls as
 * blocks, the goal as a green post and the agent as a ball.
 *
 * <p>Geometry: cell {@code (row, col)} is centred at {@code ((col + ½)·size, 0, (row + ½)·size)} in
 * this node's space (row 0 furthest from a camera looking along −z); the floor, the marks and the
 * arrows are one mesh each, so a maze costs a handful of draw calls (plus one per wall block).
 *
 * <p>Threading: render thread.
 */
public final class GridWorldView extends Node {
    /**
     * The tint of the cells of highest value (unshaded, each channel 0 or 1 so that a screenshot shows
     * exactly this with or without gamma correction).
     */
    public static final ColorRGBA VALUE_COLOR = new ColorRGBA(1f, 1f, 0f, 1f);
    /** The greedy-action arrows' colour (unshaded, channels 0 or 1). */
    public static final ColorRGBA ARROW_COLOR = new ColorRGBA(0f, 0f, 1f, 1f);
    /** The colour a cell flashes when a planning update touches it. */
    public static final ColorRGBA FLASH_COLOR = new ColorRGBA(0.2f, 1f, 1f, 1f);
    private static final ColorRGBA FLOOR_COLOR = new ColorRGBA(0.17f, 0.19f, 0.23f, 1f);
    private static final ColorRGBA WALL_COLOR = new ColorRGBA(0.55f, 0.57f, 0.62f, 1f);
    private static final ColorRGBA GOAL_COLOR = new ColorRGBA(0.2f, 0.95f, 0.35f, 1f);
    private static final float FLASH_SECONDS = 0.15f;
    private static final float GAP = 0.05f;

    private final int rows;
    private final int cols;
    private final float size;
    private final AssetManager assets;
    private final FloatBuffer floorColors;
    private final Mesh floor;
    private final FloatBuffer markColors;
    private final Mesh marks;
    private final FloatBuffer arrowPositions;
    private final Mesh arrows;
    private final Node walls = new Node("walls");
    private final Geometry agent;
    private GridMap layout;
    private final float[] flash;
    private final ColorRGBA mixed = new ColorRGBA();
    private final Vector3f center = new Vector3f();

    /**
     * @param map the layout to draw (its size is fixed for this view; walls may change with {@link #setLayout})
     * @param size a cell's side, in world units
     * @param agentColor the agent's colour
     * @param assets to make materials (not null)
     */
    public GridWorldView(GridMap map, float size, ColorRGBA agentColor, AssetManager assets) {
        super("grid world " + map.name());
        if (!(size > 0)) {
            throw new IllegalArgumentException("the cell size must be > 0, got " + size);
        }
        this.rows = map.rows();
        this.cols = map.cols();
        this.size = size;
        this.assets = assets;
        int cells = rows * cols;
        this.flash = new float[cells];

        floorColors = BufferUtils.createFloatBuffer(cells * 4 * 4);
        floor = tiles(size * (0.5f - GAP), 0f, 0f, floorColors);
        Geometry floorGeometry = new Geometry("floor", floor);
        floorGeometry.setMaterial(vertexColored());
        attachChild(floorGeometry);
        // A small square in each cell's corner lights up when planning updates the cell, so the
        // value tint stays readable however many updates there are.
        markColors = BufferUtils.createFloatBuffer(cells * 4 * 4);
        float mark = 0.12f * size;
        marks = tiles(mark, -0.5f * size + GAP * size + mark, 0.005f * size, markColors);
        Geometry markGeometry = new Geometry("planning updates", marks);
        markGeometry.setMaterial(vertexColored());
        attachChild(markGeometry);

        arrows = new Mesh();
        arrowPositions = BufferUtils.createFloatBuffer(cells * 3 * 3);
        arrows.setBuffer(VertexBuffer.Type.Position, 3, arrowPositions);
        arrows.updateBound();
        Geometry arrowGeometry = new Geometry("greedy actions", arrows);
        arrowGeometry.setMaterial(unshaded(ARROW_COLOR));
        arrowGeometry.setCullHint(CullHint.Never); // the bound changes with the arrows
        attachChild(arrowGeometry);

        attachChild(walls);
        Geometry goal = new Geometry("goal", new Box(0.12f * size, 0.45f * size, 0.12f * size));
        goal.setMaterial(unshaded(GOAL_COLOR));
        goal.setLocalTranslation(cellCenter(map.goal(), new Vector3f()).addLocal(0f, 0.45f * size, 0f));
        attachChild(goal);
        agent = new Geometry("agent", new Sphere(16, 16, 0.3f * size));
        agent.setMaterial(lit(agentColor));
        attachChild(agent);
        setLayout(map);
        update(null, map.start(), new int[0], 0, 0f);
    }

    /**
     * A mesh of one square per cell, {@code half} its half side, its centre {@code offset} from the
     * cell's centre along x and z, at height {@code y}, coloured per vertex from {@code colors}.
     */
    private Mesh tiles(float half, float offset, float y, FloatBuffer colors) {
        int cells = rows * cols;
        Mesh mesh = new Mesh();
        FloatBuffer positions = BufferUtils.createFloatBuffer(cells * 4 * 3);
        int[] indices = new int[cells * 6];
        for (int cell = 0; cell < cells; cell++) {
            cellCenter(cell, center);
            float x = center.x + offset;
            float z = center.z + offset;
            positions.put(x - half).put(y).put(z - half);
            positions.put(x - half).put(y).put(z + half);
            positions.put(x + half).put(y).put(z + half);
            positions.put(x + half).put(y).put(z - half);
            int v = 4 * cell;
            System.arraycopy(new int[] {v, v + 1, v + 2, v, v + 2, v + 3}, 0, indices, 6 * cell, 6);
        }
        mesh.setBuffer(VertexBuffer.Type.Position, 3, positions.flip());
        mesh.setBuffer(VertexBuffer.Type.Index, 3, BufferUtils.createIntBuffer(indices));
        mesh.setBuffer(VertexBuffer.Type.Color, 4, colors);
        mesh.updateBound();
        return mesh;
    }

    /**
     * @param cell a cell index
     * @param store where to write the centre of the cell's floor (in this node's space)
     * @return {@code store}
     */
    public Vector3f cellCenter(int cell, Vector3f store) {
        return store.set((cell % cols + 0.5f) * size, 0f, (cell / cols + 0.5f) * size);
    }

    /** @return the drawn grid's extent along x (columns) and z (rows), in world units */
    public Vector3f extent() {
        return new Vector3f(cols * size, 0f, rows * size);
    }

    /**
     * Draws the walls of {@code map} (a layout change: same size); nothing to do if it is the
     * layout drawn already, so it may be called every frame with the world's current map.
     *
     * @param map the layout
     * @throws IllegalArgumentException if its size differs from this view's
     */
    public void setLayout(GridMap map) {
        if (map == layout) {
            return;
        }
        if (map.rows() != rows || map.cols() != cols) {
            throw new IllegalArgumentException("this view draws " + rows + " x " + cols + " grids, got " + map.rows() + " x "
                    + map.cols() + " ('" + map.name() + "')");
        }
        layout = map;
        walls.detachAllChildren();
        Material material = lit(WALL_COLOR);
        float half = 0.5f * size;
        for (int cell = 0; cell < rows * cols; cell++) {
            if (map.wall(cell)) {
                Geometry block = new Geometry("wall", new Box(half, 0.3f * size, half));
                block.setMaterial(material);
                block.setLocalTranslation(cellCenter(cell, new Vector3f()).addLocal(0f, 0.3f * size, 0f));
                walls.attachChild(block);
            }
        }
    }

    /**
     * Redraws the values, greedy actions, flashes and the agent.
     *
     * @param q the agent's action values (states are this grid's cells, actions {@link GridWorld#MOVES});
     *          null draws an untrained agent
     * @param agentCell where the agent is
     * @param planned cells that planning updated since the last call ({@code planned[0 .. plannedCount)})
     * @param plannedCount how many of {@code planned} to use
     * @param tpf seconds since the last call (flashes fade within a few tenths of a second)
     */
    public void update(QTable q, int agentCell, int[] planned, int plannedCount, float tpf) {
        int cells = rows * cols;
        float fade = FastMath.exp(-tpf / FLASH_SECONDS);
        for (int cell = 0; cell < cells; cell++) {
            flash[cell] *= fade;
        }
        for (int i = 0; i < plannedCount; i++) {
            if (planned[i] >= 0 && planned[i] < cells) {
                flash[planned[i]] = 1f;
            }
        }
        float top = 0f;
        if (q != null) {
            for (int cell = 0; cell < cells; cell++) {
                top = Math.max(top, q.max(cell));
            }
        }
        floorColors.clear();
        markColors.clear();
        arrowPositions.clear();
        for (int cell = 0; cell < cells; cell++) {
            float value = q == null || top <= 0f ? 0f : Math.max(0f, q.max(cell)) / top;
            mixed.interpolateLocal(FLOOR_COLOR, VALUE_COLOR, FastMath.sqrt(value));
            put(floorColors, mixed);
            put(markColors, mixed.interpolateLocal(FLASH_COLOR, flash[cell]));
            if (value > 0f) {
                putArrow(cell, q.firstGreedy(cell));
            } else {
                for (int k = 0; k < 9; k++) {
                    arrowPositions.put(0f);
                }
            }
        }
        floorColors.flip();
        markColors.flip();
        arrowPositions.flip();
        floor.getBuffer(VertexBuffer.Type.Color).updateData(floorColors);
        marks.getBuffer(VertexBuffer.Type.Color).updateData(markColors);
        arrows.getBuffer(VertexBuffer.Type.Position).updateData(arrowPositions);
        if (agentCell >= 0 && agentCell < cells) {
            agent.setLocalTranslation(cellCenter(agentCell, center).addLocal(0f, 0.3f * size, 0f));
        }
    }

    /** Puts {@code color} for the four corners of a cell's square. */
    private static void put(FloatBuffer colors, ColorRGBA color) {
        for (int v = 0; v < 4; v++) {
            colors.put(color.r).put(color.g).put(color.b).put(1f);
        }
    }

    /** A flat triangle pointing along the move (0 up = −z, 1 down = +z, 2 right = +x, 3 left = −x). */
    private void putArrow(int cell, int move) {
        cellCenter(cell, center);
        float dx = move == 2 ? 1f : move == 3 ? -1f : 0f;
        float dz = move == 1 ? 1f : move == 0 ? -1f : 0f;
        float y = 0.01f * size;
        float tip = 0.34f * size;
        float back = 0.18f * size;
        float wing = 0.16f * size;
        float tx = center.x + dx * tip;
        float tz = center.z + dz * tip;
        float lx = center.x - dx * back + dz * wing;
        float lz = center.z - dz * back - dx * wing;
        float rx = center.x - dx * back - dz * wing;
        float rz = center.z - dz * back + dx * wing;
        arrowPositions.put(tx).put(y).put(tz).put(lx).put(y).put(lz).put(rx).put(y).put(rz);
    }

    private Material vertexColored() {
        Material material = new Material(assets, "Common/MatDefs/Misc/Unshaded.j3md");
        material.setBoolean("VertexColor", true);
        material.getAdditionalRenderState().setFaceCullMode(RenderState.FaceCullMode.Off);
        return material;
    }

    private Material unshaded(ColorRGBA color) {
        Material material = new Material(assets, "Common/MatDefs/Misc/Unshaded.j3md");
        material.setColor("Color", color);
        material.getAdditionalRenderState().setFaceCullMode(RenderState.FaceCullMode.Off);
        return material;
    }

    private Material lit(ColorRGBA color) {
        Material material = new Material(assets, "Common/MatDefs/Light/Lighting.j3md");
        material.setBoolean("UseMaterialColors", true);
        material.setColor("Diffuse", color);
        material.setColor("Ambient", color.mult(0.5f));
        return material;
    }
}
