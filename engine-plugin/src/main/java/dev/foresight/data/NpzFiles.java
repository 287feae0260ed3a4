package dev.foresight.data;

import dev.foresight.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Saves and loads {@link Transitions} as a NumPy {@code .npz} file: a zip of {@code .npy} arrays
 * named {@code obs [n, obsDim]}, {@code action [n, actionDim]}, {@code reward [n]},
 * {@code next_obs [n, obsDim]} (little-endian float32) and {@code terminated [n]},
 * {@code truncated [n]} (bool), so that {@code numpy.load} reads it with no custom code.
 *
 * <p>Writes are atomic. Loading accepts float32/float64 and bool/integer arrays (converted), and
 * either fails with an {@link IOException} naming the problem or returns the whole dataset —
 * never part of it.
 */
public final class NpzFiles {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final List<String> NAMES = List.of("obs", "action", "reward", "next_obs", "terminated", "truncated");

    private NpzFiles() {
    }

    /**
     * @param file the file to create or replace
     * @param data the transitions (not null)
     * @throws IOException if the file cannot be written; an existing file is then unchanged
     */
    public static void save(Path file, Transitions data) throws IOException {
        int n = data.size();
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            putFloats(zip, "obs", data.obs(), n, data.obsDim());
            putFloats(zip, "action", data.action(), n, data.actionDim());
            putFloats(zip, "reward", data.reward(), n, -1);
            putFloats(zip, "next_obs", data.nextObs(), n, data.obsDim());
            putBools(zip, "terminated", data.terminated());
            putBools(zip, "truncated", data.truncated());
            zip.finish();
        });
    }

    /**
     * Loads a dataset and checks that it fits an environment.
     *
     * @param file the {@code .npz} file
     * @param obsDim the observation size expected
     * @param actionDim the action size expected
     * @return the transitions
     * @throws IOException if the file is missing, corrupt, truncated, incomplete or its sizes differ
     *                     from those expected
     */
    public static Transitions load(Path file, int obsDim, int actionDim) throws IOException {
        Transitions data = load(file);
        if (data.obsDim() != obsDim || data.actionDim() != actionDim) {
            throw new IOException(file + ": the dataset has obs size " + data.obsDim() + " and action size "
                    + data.actionDim() + ", but the environment expects obs size " + obsDim + " and action size "
                    + actionDim + "; was it recorded in another environment?");
        }
        return data;
    }

    /**
     * @param file the {@code .npz} file
     * @return the transitions
     * @throws IOException if the file is missing, corrupt, truncated or incomplete
     */
    public static Transitions load(Path file) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such dataset file");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (String name : NAMES) {
                ZipEntry entry = zip.getEntry(name + ".npy");
                if (entry != null) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        arrays.put(name, NpyArray.read(name, in.readAllBytes()));
                    }
                }
            }
        } catch (ZipException | java.io.EOFException e) {
            // An archive whose entry is shorter than its header says ends in an EOFException without a message.
            String why = e.getMessage() != null ? e.getMessage() : "an entry ends early";
            throw new IOException(file + " is not a readable .npz (zip) file — truncated or corrupt? (" + why + ")", e);
        }
        List<String> missing = new ArrayList<>();
        for (String name : NAMES) {
            if (!arrays.containsKey(name)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException(file + " lacks the arrays " + missing + "; a dataset needs " + NAMES);
        }
        NpyArray obs = arrays.get("obs");
        NpyArray action = arrays.get("action");
        NpyArray nextObs = arrays.get("next_obs");
        int n = obs.rows();
        for (NpyArray array : arrays.values()) {
            if (array.rows() != n) {
                throw new IOException(file + ": array '" + array.name() + "' has " + array.rows() + " rows but 'obs' has " + n);
            }
        }
        requireRank(file, obs, 2);
        requireRank(file, action, 2);
        requireRank(file, nextObs, 2);
        requireRank(file, arrays.get("reward"), 1);
        requireRank(file, arrays.get("terminated"), 1);
        requireRank(file, arrays.get("truncated"), 1);
        if (nextObs.columns() != obs.columns()) {
            throw new IOException(file + ": 'next_obs' has " + nextObs.columns() + " columns but 'obs' has " + obs.columns());
        }
        try {
            return new Transitions(obs.columns(), action.columns(), obs.floats(), action.floats(),
                    arrays.get("reward").floats(), nextObs.floats(), arrays.get("terminated").bools(),
                    arrays.get("truncated").bools());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static void requireRank(Path file, NpyArray array, int rank) throws IOException {
        if (array.shape().length != rank) {
            throw new IOException(file + ": array '" + array.name() + "' has " + array.shape().length
                    + " dimensions, expected " + rank);
        }
    }

    private static void putFloats(ZipOutputStream zip, String name, float[] values, int rows, int columns) throws IOException {
        String shape = columns < 0 ? "(" + rows + ",)" : "(" + rows + ", " + columns + ")";
        ByteBuffer data = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(values);
        putArray(zip, name, "<f4", shape, data.array());
    }

    private static void putBools(ZipOutputStream zip, String name, boolean[] values) throws IOException {
        byte[] data = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            data[i] = (byte) (values[i] ? 1 : 0);
        }
        putArray(zip, name, "|b1", "(" + values.length + ",)", data);
    }

    /** Writes one {@code .npy} (format version 1.0) entry. */
    private static void putArray(ZipOutputStream zip, String name, String descr, String shape, byte[] data) throws IOException {
        StringBuilder header = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }");
        int unpadded = MAGIC.length + 2 + 2 + header.length() + 1;
        header.append(" ".repeat((64 - unpadded % 64) % 64)).append('\n');
        ByteArrayOutputStream npy = new ByteArrayOutputStream(data.length + 128);
        npy.write(MAGIC);
        npy.write(1);
        npy.write(0);
        npy.write(header.length() & 0xff);
        npy.write((header.length() >> 8) & 0xff);
        npy.write(header.toString().getBytes(StandardCharsets.US_ASCII));
        npy.write(data);
        zip.putNextEntry(new ZipEntry(name + ".npy"));
        npy.writeTo(zip);
        zip.closeEntry();
    }

    /** One parsed {@code .npy} array, held as raw little-endian or single-byte data. */
    private record NpyArray(String name, String descr, int[] shape, ByteBuffer data) {
        static NpyArray read(String name, byte[] bytes) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            if (bytes.length < 10) {
                throw new IOException("array '" + name + "' is truncated (" + bytes.length + " bytes)");
            }
            for (int i = 0; i < MAGIC.length; i++) {
                if (bytes[i] != MAGIC[i]) {
                    throw new IOException("array '" + name + "' is not a .npy array (bad magic)");
                }
            }
            int major = bytes[6];
            int headerLength;
            int offset;
            if (major == 1) {
                headerLength = buffer.getShort(8) & 0xffff;
                offset = 10;
            } else if (major == 2 || major == 3) {
                headerLength = buffer.getInt(8);
                offset = 12;
            } else {
                throw new IOException("array '" + name + "' uses .npy format version " + major + ", which is not supported");
            }
            if (headerLength < 0 || offset + headerLength > bytes.length) {
                throw new IOException("array '" + name + "' is truncated inside its header");
            }
            String header = new String(bytes, offset, headerLength, StandardCharsets.ISO_8859_1);
            Matcher descr = DESCR.matcher(header);
            Matcher fortran = FORTRAN.matcher(header);
            Matcher shape = SHAPE.matcher(header);
            if (!descr.find() || !fortran.find() || !shape.find()) {
                throw new IOException("array '" + name + "' has an unreadable .npy header: " + header.strip());
            }
            if (fortran.group(1).equals("True")) {
                throw new IOException("array '" + name + "' is in Fortran order; save it C-contiguous (numpy.ascontiguousarray)");
            }
            int[] dims = parseShape(name, shape.group(1));
            long count = 1;
            for (int d : dims) {
                count *= d;
            }
            int itemSize = itemSize(name, descr.group(1));
            long expected = count * itemSize;
            int start = offset + headerLength;
            if (bytes.length - start != expected) {
                throw new IOException("array '" + name + "' should hold " + expected + " bytes of data for shape "
                        + java.util.Arrays.toString(dims) + " but holds " + (bytes.length - start) + " (truncated or corrupt)");
            }
            ByteBuffer data = ByteBuffer.wrap(bytes, start, (int) expected).slice().order(ByteOrder.LITTLE_ENDIAN);
            return new NpyArray(name, descr.group(1), dims, data);
        }

        int rows() {
            return shape.length == 0 ? 1 : shape[0];
        }

        int columns() {
            return shape.length < 2 ? 1 : shape[1];
        }

        float[] floats() throws IOException {
            int count = data.capacity() / itemSize(name, descr);
            float[] out = new float[count];
            for (int i = 0; i < count; i++) {
                out[i] = (float) value(i);
            }
            return out;
        }

        boolean[] bools() throws IOException {
            int count = data.capacity() / itemSize(name, descr);
            boolean[] out = new boolean[count];
            for (int i = 0; i < count; i++) {
                out[i] = value(i) != 0;
            }
            return out;
        }

        private double value(int i) {
            return switch (descr) {
                case "<f4" -> data.getFloat(4 * i);
                case "<f8" -> data.getDouble(8 * i);
                case "<i8" -> data.getLong(8 * i);
                case "<i4" -> data.getInt(4 * i);
                case "|u1" -> data.get(i) & 0xff;
                default -> data.get(i); // |b1, |i1
            };
        }

        private static int itemSize(String name, String descr) throws IOException {
            return switch (descr) {
                case "<f4", "<i4" -> 4;
                case "<f8", "<i8" -> 8;
                case "|b1", "|u1", "|i1" -> 1;
                default -> throw new IOException("array '" + name + "' has dtype '" + descr
                        + "'; supported: little-endian float32/float64/int32/int64, bool, int8, uint8");
            };
        }

        private static int[] parseShape(String name, String text) throws IOException {
            List<Integer> dims = new ArrayList<>();
            for (String part : text.split(",")) {
                String trimmed = part.trim();
                if (!trimmed.isEmpty()) {
                    try {
                        dims.add(Integer.parseInt(trimmed.replace("L", "")));
                    } catch (NumberFormatException e) {
                        throw new IOException("array '" + name + "' has an unreadable shape (" + text + ")", e);
                    }
                }
            }
            return dims.stream().mapToInt(Integer::intValue).toArray();
        }
    }
}
