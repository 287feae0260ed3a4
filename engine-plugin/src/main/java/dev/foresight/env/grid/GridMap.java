package dev.foresight.env.grid;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A grid world's layout, parsed from a text map: one line per row, {@code S} the start, {@code G}
 * the goal, {@code #} a wall, {@code .} a free cell. Cells are numbered row-major,
 * {@code cell = row · cols + col}. Immutable.
 *
 * @param name the map's name, for messages
 * @param rows rows (&ge;1)
 * @param cols columns (&ge;1)
 * @param walls per cell, whether it is a wall, {@code [rows · cols]}
 * @param start the start cell
 * @param goal the goal cell
 */
public record GridMap(String name, int rows, int cols, boolean[] walls, int start, int goal) {
    public GridMap {
        Objects.requireNonNull(name, "name");
        walls = walls.clone();
    }

    /**
     * @param name the map's name, for messages
     * @param lines the rows, top first
     * @return the layout
     * @throws IllegalArgumentException naming the problem: no rows, rows of different lengths, an
     *         unknown character, no or several {@code S} or {@code G}
     */
    public static GridMap parse(String name, List<String> lines) {
        if (lines.isEmpty() || lines.get(0).isEmpty()) {
            throw new IllegalArgumentException("map '" + name + "' is empty: give rows of S, G, # and .");
        }
        int cols = lines.get(0).length();
        boolean[] walls = new boolean[lines.size() * cols];
        int start = -1;
        int goal = -1;
        for (int r = 0; r < lines.size(); r++) {
            String line = lines.get(r);
            if (line.length() != cols) {
                throw new IllegalArgumentException("map '" + name + "' is ragged: row " + r + " has " + line.length()
                        + " cells, row 0 has " + cols + "; every row needs the same width");
            }
            for (int c = 0; c < cols; c++) {
                int cell = r * cols + c;
                switch (line.charAt(c)) {
                    case '#' -> walls[cell] = true;
                    case '.' -> { }
                    case 'S' -> {
                        if (start >= 0) {
                            throw new IllegalArgumentException("map '" + name + "' has more than one start S");
                        }
                        start = cell;
                    }
                    case 'G' -> {
                        if (goal >= 0) {
                            throw new IllegalArgumentException("map '" + name + "' has more than one goal G");
                        }
                        goal = cell;
                    }
                    default -> throw new IllegalArgumentException("map '" + name + "', row " + r + ", column " + c
                            + ": unknown cell '" + line.charAt(c) + "'; use S (start), G (goal), # (wall) or . (free)");
                }
            }
        }
        if (start < 0 || goal < 0) {
            throw new IllegalArgumentException("map '" + name + "' needs one start S and one goal G; it has "
                    + (start < 0 ? "no S" : "an S") + " and " + (goal < 0 ? "no G" : "a G"));
        }
        return new GridMap(name, lines.size(), cols, walls, start, goal);
    }

    /**
     * The same maze at a finer resolution (Sutton &amp; Barto's Example 8.4, after Peng &amp; Williams
     * 1993): every cell becomes a {@code factor × factor} block of its kind; the start and the goal
     * are one cell each, at the top-left corner of their blocks.
     *
     * @param factor the scale (&ge;1)
     * @return the scaled layout
     */
    public GridMap scaled(int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("the scale factor must be >= 1, got " + factor);
        }
        int newCols = cols * factor;
        boolean[] scaledWalls = new boolean[rows * factor * newCols];
        for (int r = 0; r < rows * factor; r++) {
            for (int c = 0; c < newCols; c++) {
                scaledWalls[r * newCols + c] = walls[(r / factor) * cols + c / factor];
            }
        }
        int scaledStart = (start / cols) * factor * newCols + (start % cols) * factor;
        int scaledGoal = (goal / cols) * factor * newCols + (goal % cols) * factor;
        return new GridMap(name + " ×" + factor, rows * factor, newCols, scaledWalls, scaledStart, scaledGoal);
    }

    /** @return the number of cells, {@code rows · cols} */
    public int cells() {
        return rows * cols;
    }

    /** @return the number of cells that are not walls */
    public int freeCells() {
        int n = 0;
        for (boolean wall : walls) {
            if (!wall) {
                n++;
            }
        }
        return n;
    }

    /** @return whether {@code cell} is a wall */
    public boolean wall(int cell) {
        return walls[cell];
    }

    /**
     * @param cell where the agent is
     * @param move 0 up, 1 down, 2 right, 3 left
     * @return the cell the move leads to: the same cell if it would leave the grid or enter a wall
     */
    public int next(int cell, int move) {
        int r = cell / cols;
        int c = cell % cols;
        switch (move) {
            case 0 -> r--;
            case 1 -> r++;
            case 2 -> c++;
            case 3 -> c--;
            default -> throw new IllegalArgumentException("move must be 0..3, got " + move);
        }
        if (r < 0 || r >= rows || c < 0 || c >= cols || walls[r * cols + c]) {
            return cell;
        }
        return r * cols + c;
    }

    /** @return the map as text, one line per row */
    public List<String> lines() {
        String[] out = new String[rows];
        for (int r = 0; r < rows; r++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                int cell = r * cols + c;
                line.append(cell == start ? 'S' : cell == goal ? 'G' : walls[cell] ? '#' : '.');
            }
            out[r] = line.toString();
        }
        return List.of(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GridMap m && m.rows == rows && m.cols == cols && m.start == start && m.goal == goal
                && Arrays.equals(m.walls, walls) && m.name.equals(name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, rows, cols, start, goal, Arrays.hashCode(walls));
    }

    @Override
    public String toString() {
        return name + " " + String.join("/", lines());
    }
}
