/**
 * DJL's PyTorch engine as Foresight's trainers share it: {@link dev.foresight.djl.DjlEngine} (the
 * engine, offline and single-threaded by default; the one JVM-wide thread that runs all DJL work;
 * libtorch-owned arrays made from Java values) and {@link dev.foresight.djl.NativeEnvironment}
 * (process environment variables native libraries read when they load).
 */
package dev.foresight.djl;
