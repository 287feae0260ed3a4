package dev.foresight.demo.fuzz;

import dev.foresight.util.RandomStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Seeded mutations of a file's bytes, as coverage-free fuzzers apply them (AFL's havoc stage): bit
 * flips, overwrites with random and boundary bytes, truncation, insertion, deletion, duplication
 * and zeroed regions; for text, numbers replaced with NaN, negative, huge or empty values.
 */
final class Mutator {
    private static final byte[] SPECIAL = {0, (byte) 0xFF, 0x7F, (byte) 0x80, 1, (byte) 0xFE};
    private static final String[] NUMBERS = {"NaN", "-1", "1e40", "", "0", "-0.0", "9223372036854775808", "\"x\"",
        "null", "2147483647"};

    private Mutator() {
    }

    /**
     * @param seed the valid file (unaffected)
     * @param text whether the file is text (adds number mutations)
     * @param random the stream (advanced)
     * @return 1–4 mutations of it
     */
    static byte[] mutate(byte[] seed, boolean text, RandomStream random) {
        byte[] bytes = seed.clone();
        int operations = 1 + random.nextInt(3);
        for (int k = 0; k < operations && bytes.length > 0; k++) {
            // In-place changes (0, 1, 6) twice as often as ones that shift the structure (2–5), so
            // that many cases still parse and reach the checks behind the parser.
            int[] kinds = text ? new int[] {0, 1, 6, 0, 1, 7, 7, 7, 2, 3, 4, 5} : new int[] {0, 1, 6, 0, 1, 6, 2, 3, 4, 5};
            int kind = kinds[random.nextInt(kinds.length)];
            int at = random.nextInt(bytes.length);
            switch (kind) {
                case 0 -> {
                    for (int b = 1 + random.nextInt(8); b > 0; b--) {
                        int i = random.nextInt(bytes.length);
                        bytes[i] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 1 -> {
                    for (int i = at; i < Math.min(bytes.length, at + 1 + random.nextInt(16)); i++) {
                        bytes[i] = random.nextBoolean() ? SPECIAL[random.nextInt(SPECIAL.length)] : (byte) random.nextInt(256);
                    }
                }
                case 2 -> bytes = Arrays.copyOf(bytes, at);
                case 3 -> {
                    byte[] extra = new byte[1 + random.nextInt(64)];
                    for (int i = 0; i < extra.length; i++) {
                        extra[i] = (byte) random.nextInt(256);
                    }
                    bytes = splice(bytes, at, 0, extra);
                }
                case 4 -> bytes = splice(bytes, at, Math.min(bytes.length - at, 1 + random.nextInt(256)), new byte[0]);
                case 5 -> {
                    int length = Math.min(bytes.length - at, 1 + random.nextInt(256));
                    bytes = splice(bytes, random.nextInt(bytes.length + 1), 0, Arrays.copyOfRange(bytes, at, at + length));
                }
                case 6 -> Arrays.fill(bytes, at, Math.min(bytes.length, at + 1 + random.nextInt(64)), (byte) 0);
                default -> bytes = replaceNumber(bytes, random);
            }
        }
        return bytes;
    }

    /**
     * Mutates one member of a zip archive (e.g. one {@code .npy} array of an {@code .npz}) and writes
     * a valid archive around it, so that the mutation reaches the member's own parser.
     */
    static byte[] mutateZipMember(byte[] zip, RandomStream random) throws java.io.IOException {
        java.util.List<String> names = new java.util.ArrayList<>();
        java.util.List<byte[]> contents = new java.util.ArrayList<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (java.util.zip.ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
                contents.add(in.readAllBytes());
            }
        }
        int member = random.nextInt(names.size());
        byte[] original = contents.get(member);
        // The .npy header (magic, version, a Python dict) in the first ~128 bytes, or the data after it.
        contents.set(member, random.nextBoolean() ? mutate(original, true, random) : mutate(original, false, random));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zipOut = new java.util.zip.ZipOutputStream(out)) {
            for (int i = 0; i < names.size(); i++) {
                zipOut.putNextEntry(new java.util.zip.ZipEntry(names.get(i)));
                zipOut.write(contents.get(i));
                zipOut.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /**
     * A well-formed checkpoint (its SHA-256 recomputed) with one entry's bytes mutated: what a
     * buggy writer, rather than a damaged disk, would leave — it reaches the checks behind the digest.
     */
    static byte[] mutateCheckpointEntry(byte[] checkpoint, RandomStream random) {
        dev.foresight.checkpoint.Checkpoint c = dev.foresight.checkpoint.Checkpoint.parse(checkpoint, "seed");
        java.util.List<String> names = c.names();
        String name = names.get(random.nextInt(names.size()));
        c.putBytes(name, mutate(c.getBytes(name), false, random));
        return c.toBytes();
    }

    /**
     * Mutates an ONNX model where a valid file can still be wrong: a metadata value, the numbers of
     * a weight (NaN, infinity, huge), an input's dimension, or a removed output — then serialises it
     * again, so that the mutation reaches the loader's checks rather than the protobuf parser.
     */
    static byte[] mutateOnnxModel(byte[] model, RandomStream random) throws java.io.IOException {
        ai.onnx.proto.OnnxMl.ModelProto.Builder m = ai.onnx.proto.OnnxMl.ModelProto.parseFrom(model).toBuilder();
        ai.onnx.proto.OnnxMl.GraphProto.Builder g = m.getGraphBuilder();
        switch (random.nextInt(4)) {
            case 0 -> {
                int i = random.nextInt(m.getMetadataPropsCount());
                ai.onnx.proto.OnnxMl.StringStringEntryProto entry = m.getMetadataProps(i);
                byte[] value = mutate(entry.getValue().getBytes(StandardCharsets.UTF_8), true, random);
                m.setMetadataProps(i, entry.toBuilder().setValue(new String(value, StandardCharsets.UTF_8)));
            }
            case 1 -> {
                int i = random.nextInt(g.getInitializerCount());
                ai.onnx.proto.OnnxMl.TensorProto.Builder t = g.getInitializerBuilder(i);
                float[] odd = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 3e38f, -3e38f, 0f};
                if (t.getFloatDataCount() > 0) {
                    t.setFloatData(random.nextInt(t.getFloatDataCount()), odd[random.nextInt(odd.length)]);
                } else if (!t.getRawData().isEmpty()) {
                    byte[] raw = t.getRawData().toByteArray();
                    int at = 4 * random.nextInt(raw.length / 4);
                    java.nio.ByteBuffer.wrap(raw).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(at, odd[random.nextInt(odd.length)]);
                    t.setRawData(com.google.protobuf.ByteString.copyFrom(raw));
                }
            }
            case 2 -> {
                int i = random.nextInt(g.getInputCount());
                ai.onnx.proto.OnnxMl.TypeProto.Tensor.Builder tensor = g.getInputBuilder(i).getTypeBuilder().getTensorTypeBuilder();
                ai.onnx.proto.OnnxMl.TensorShapeProto.Builder shape = tensor.getShapeBuilder();
                if (shape.getDimCount() > 0) {
                    long[] odd = {0, -1, 1, 2, 7, 1L << 40};
                    shape.getDimBuilder(random.nextInt(shape.getDimCount())).setDimValue(odd[random.nextInt(odd.length)]);
                }
            }
            default -> {
                if (g.getOutputCount() > 1) {
                    g.removeOutput(random.nextInt(g.getOutputCount()));
                }
            }
        }
        return m.build().toByteArray();
    }

    private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + insert.length);
        out.write(bytes, 0, at);
        out.write(insert, 0, insert.length);
        out.write(bytes, at + remove, bytes.length - at - remove);
        return out.toByteArray();
    }

    /** Replaces one number of a text (a run of digits, signs, dots and exponents) by an odd value. */
    private static byte[] replaceNumber(byte[] bytes, RandomStream random) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        java.util.List<int[]> numbers = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("-?[0-9][0-9.eE+-]*").matcher(text);
        while (m.find()) {
            numbers.add(new int[] {m.start(), m.end()});
        }
        if (numbers.isEmpty()) {
            return bytes;
        }
        int[] span = numbers.get(random.nextInt(numbers.size()));
        String replaced = text.substring(0, span[0]) + NUMBERS[random.nextInt(NUMBERS.length)] + text.substring(span[1]);
        return replaced.getBytes(StandardCharsets.UTF_8);
    }
}
