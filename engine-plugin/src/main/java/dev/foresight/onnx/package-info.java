/**
 * ONNX: {@link dev.foresight.onnx.OnnxExporter} writes a trained ensemble as one ONNX graph (IR 8,
 * opset 17) through generated protobuf classes, and {@link dev.foresight.onnx.OnnxDynamicsModel}
 * runs such a file in ONNX Runtime (CPU, or CUDA with CPU fallback) as a
 * {@link dev.foresight.model.DynamicsModel}.
 */
package dev.foresight.onnx;
