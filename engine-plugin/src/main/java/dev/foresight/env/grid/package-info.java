/**
 * Grid worlds without physics (Sutton &amp; Barto, chapter 8): {@link dev.foresight.env.grid.GridMap}
 * parses a text map, {@link dev.foresight.env.grid.GridWorld} is the environment (discrete cell
 * observation, four moves, optional slip, layout changes on a schedule), and
 * {@link dev.foresight.env.grid.Mazes} holds the book's mazes.
 */
package dev.foresight.env.grid;
