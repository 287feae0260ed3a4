/**
 * Small helpers shared by environments, training and planning: seeded Gaussian noise, the
 * lock-step thread crew, and a single-producer single-consumer int queue.
 */
package dev.foresight.util;
