/** Benchmarks behind the {@code bench} commands: they print medians and ratios measured in one run. */
package dev.foresight.demo.bench;
