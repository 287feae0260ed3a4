/** Small numeric helpers shared by training and planning. */
package dev.foresight.util;
