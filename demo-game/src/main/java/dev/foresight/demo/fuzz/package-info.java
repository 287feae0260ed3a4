/**
 * The file fuzzer behind {@code fuzz}: mutated {@code .onnx}, {@code .npz} and {@code config.json}
 * files fed to every loader in a child JVM, so that a native crash or a hang is counted, not fatal.
 */
package dev.foresight.demo.fuzz;
