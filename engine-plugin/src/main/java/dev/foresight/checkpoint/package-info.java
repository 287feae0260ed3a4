/**
 * Checkpoints: a run's whole learning state — networks, optimiser moments, replay buffers, random
 * streams, counters — saved atomically between episodes into one file, so that a stopped run can be
 * resumed and end exactly as an uninterrupted one ({@code train --resume DIR}).
 */
package dev.foresight.checkpoint;
