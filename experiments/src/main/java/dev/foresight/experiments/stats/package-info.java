/**
 * Statistics for reporting results over seeds, after Agarwal et al. 2021 ("Deep Reinforcement
 * Learning at the Edge of the Statistical Precipice"): the interquartile mean and percentile
 * bootstrap confidence intervals, seeded.
 */
package dev.foresight.experiments.stats;
