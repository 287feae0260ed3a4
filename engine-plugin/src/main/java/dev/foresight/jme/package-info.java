/**
 * jMonkeyEngine integration: {@link dev.foresight.jme.ForesightAppState} owns the agents' worker
 * threads, {@link dev.foresight.jme.AgentControl} attaches an agent to a physics character
 * described by a {@link dev.foresight.env.physics.PhysicsTask}, {@link dev.foresight.jme.ImaginedFuturesView}
 * draws what the planner imagines, {@link dev.foresight.jme.GridWorldView} draws a grid world with a
 * tabular agent's values, greedy moves and planning updates, {@link dev.foresight.jme.AgentHud} shows the numbers, and
 * {@link dev.foresight.jme.OnnxModelLoader} loads {@code .onnx} dynamics models through the
 * {@code AssetManager}.
 *
 * <p>Threading: everything here runs on the render thread, which must also be the physics thread
 * (Minie's {@code BulletAppState} in its default SEQUENTIAL mode). Planning and training run on the
 * agents' own threads and never block it.
 */
package dev.foresight.jme;
