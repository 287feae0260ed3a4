package dev.foresight.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A small helper over the generated ONNX protobuf classes for building float32 graphs: named
 * inputs and outputs, initializers, and nodes with generated unique output names. Not thread-safe.
 */
final class GraphBuilder {
    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private int counter;

    GraphBuilder(String name) {
        graph.setName(name);
    }

    /**
     * Declares a float input or output.
     *
     * @param dims each either an Integer (fixed size) or a String (symbolic size)
     */
    private static ValueInfoProto valueInfo(String name, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object dim : dims) {
            TensorShapeProto.Dimension.Builder d = TensorShapeProto.Dimension.newBuilder();
            if (dim instanceof Integer size) {
                d.setDimValue(size);
            } else {
                d.setDimParam(dim.toString());
            }
            shape.addDim(d);
        }
        TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(shape)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }

    String input(String name, Object... dims) {
        graph.addInput(valueInfo(name, dims));
        return name;
    }

    void output(String name, Object... dims) {
        graph.addOutput(valueInfo(name, dims));
    }

    /** Adds a float initializer of the given shape (row-major values). */
    String constant(String name, float[] values, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name)
                .setDataType(TensorProto.DataType.FLOAT.getNumber()).setRawData(ByteString.copyFrom(bytes.array()));
        for (long d : dims) {
            tensor.addDims(d);
        }
        graph.addInitializer(tensor);
        return name;
    }

    /** Adds an int64 initializer (for Slice's starts, ends and axes). */
    String longs(String name, long... values) {
        ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64.getNumber())
                .addDims(values.length).setRawData(ByteString.copyFrom(bytes.array())));
        return name;
    }

    /** Adds a node whose single output gets a fresh name, or {@code outputName} if given. */
    String node(String opType, String outputName, String... inputs) {
        return node(opType, outputName, null, inputs);
    }

    /** As {@link #node(String, String, String...)}, with one integer attribute. */
    String node(String opType, String outputName, AttributeProto attribute, String... inputs) {
        String output = outputName != null ? outputName : opType.toLowerCase() + "_" + counter;
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(opType).setName(opType + "_" + counter++).addOutput(output);
        for (String in : inputs) {
            node.addInput(in);
        }
        if (attribute != null) {
            node.addAttribute(attribute);
        }
        graph.addNode(node);
        return output;
    }

    static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto intsAttribute(String name, long... values) {
        AttributeProto.Builder attribute = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long value : values) {
            attribute.addInts(value);
        }
        return attribute.build();
    }

    GraphProto build() {
        return graph.build();
    }
}
