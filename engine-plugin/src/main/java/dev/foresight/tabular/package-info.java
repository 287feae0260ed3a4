/**
 * Tabular model-based RL: action-value tables ({@link dev.foresight.tabular.QTable}), the book's
 * last-seen {@link dev.foresight.tabular.TableModel} and a count-based
 * {@link dev.foresight.tabular.CountModel}, the Dyna family in one agent
 * ({@link dev.foresight.tabular.DynaAgent}: Q-learning, Dyna-Q, Dyna-Q+, prioritized sweeping with
 * {@link dev.foresight.tabular.PairQueue}), and Sutton &amp; Barto's chapter-8 experiments as
 * library calls ({@link dev.foresight.tabular.DynaExperiments}).
 */
package dev.foresight.tabular;
