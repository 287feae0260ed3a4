/** Small helpers shared by environments, training and planning: seeded Gaussian noise and the lock-step thread crew. */
package dev.foresight.util;
