/**
 * Planning by tree search for discrete actions: {@link dev.foresight.search.Mcts} (UCT or PUCT,
 * batched leaves, tree reuse) over any {@link dev.foresight.search.SearchModel} — a learned table
 * model, the exact grid, or a learned ensemble through the library's rollout loop — with leaves
 * valued by {@link dev.foresight.search.RandomRollouts} and a {@link dev.foresight.search.ValueTable};
 * {@link dev.foresight.search.MctsAgent} and {@link dev.foresight.search.EnsembleMctsAgent} act
 * with it ({@code train --agent mcts}).
 *
 * <p>Threading: everything here runs on the acting thread.
 */
package dev.foresight.search;
