package dev.foresight.checkpoint;

import dev.foresight.io.AtomicFiles;
import dev.foresight.util.RandomStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Named arrays and numbers making up a run's saved state, stored as one zip file (one entry per
 * name, big-endian values, and a SHA-256 of them all that reading checks) written atomically.
 * Components write into {@link #scope scopes} ({@code "agent/learner/actor.w0"}), so each only
 * knows its own names. Reading checks every entry's presence and size and fails with a
 * {@link CheckpointException} naming it.
 *
 * <p>Threading: not thread-safe.
 */
public final class Checkpoint {
    /** The format written; others are refused. */
    public static final int FORMAT = 1;
    private static final String FORMAT_ENTRY = "format";
    private static final String DIGEST_ENTRY = "sha256";

    private final Map<String, byte[]> entries;
    private final String prefix;
    private final String source;

    /** An empty checkpoint to write into. */
    public Checkpoint() {
        this(new TreeMap<>(), "", "checkpoint");
    }

    private Checkpoint(Map<String, byte[]> entries, String prefix, String source) {
        this.entries = entries;
        this.prefix = prefix;
        this.source = source;
    }

    /**
     * @param name the scope's name (no '/')
     * @return a view whose names are prefixed with {@code name/}, sharing this checkpoint's entries
     */
    public Checkpoint scope(String name) {
        return new Checkpoint(entries, prefix + name + "/", source);
    }

    /**
     * Writes the checkpoint atomically (temp file + rename).
     *
     * @param file the file (replaced)
     * @throws IOException if it cannot be written
     */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, toBytes());
    }

    /** @return the checkpoint's file content (what {@link #write} writes) */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(Deflater.BEST_SPEED);
            zip.putNextEntry(fixedTime(FORMAT_ENTRY));
            zip.write(ByteBuffer.allocate(4).putInt(FORMAT).array());
            zip.closeEntry();
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(fixedTime(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
            zip.putNextEntry(fixedTime(DIGEST_ENTRY));
            zip.write(digest(entries));
            zip.closeEntry();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    private static ZipEntry fixedTime(String name) {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(0); // the same state gives the same bytes
        return entry;
    }

    /**
     * Reads a checkpoint written by {@link #write}.
     *
     * @param file the file
     * @return its entries
     * @throws CheckpointException if it is missing, not a checkpoint, corrupt or of another format
     * @throws IOException if it cannot be read
     */
    public static Checkpoint read(Path file) throws IOException {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file + " does not exist: the run wrote no checkpoint yet (one is written after"
                    + " every --checkpoint-every episodes); start it again without --resume");
        }
        return parse(raw, file.toString());
    }

    /**
     * Reads a checkpoint from its file content.
     *
     * @param raw what {@link #toBytes()} returned (unaffected)
     * @param source the file's name, for messages
     * @return its entries
     * @throws CheckpointException if it is not a checkpoint, corrupt or of another format
     */
    public static Checkpoint parse(byte[] raw, String source) {
        String file = source;
        Map<String, byte[]> entries = new TreeMap<>();
        Integer format = null;
        byte[] digest = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(raw))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                byte[] content = zip.readAllBytes();
                if (entry.getName().equals(FORMAT_ENTRY)) {
                    format = content.length == 4 ? ByteBuffer.wrap(content).getInt() : -1;
                } else if (entry.getName().equals(DIGEST_ENTRY)) {
                    digest = content;
                } else {
                    entries.put(entry.getName(), content);
                }
            }
        } catch (IOException | RuntimeException e) { // from memory: every failure is the content's
            throw new CheckpointException(file + " is corrupt (" + e.getMessage() + "): it was damaged or cut short;"
                    + " delete it to start the run again from the beginning", e);
        }
        if (format == null) {
            throw new CheckpointException(file + " is not a Foresight checkpoint (no format entry)");
        }
        if (format != FORMAT) {
            throw new CheckpointException(file + " has checkpoint format " + format + " but this version reads format "
                    + FORMAT + ": resume it with the version that wrote it");
        }
        if (digest == null || !java.util.Arrays.equals(digest, digest(entries))) {
            throw new CheckpointException(file + " is corrupt (its content does not match its SHA-256): it was damaged or"
                    + " cut short; delete it to start the run again from the beginning");
        }
        return new Checkpoint(entries, "", file);
    }

    /** @return the names written in this scope (relative to it), in order */
    public java.util.List<String> names() {
        return entries.keySet().stream().filter(n -> n.startsWith(prefix)).map(n -> n.substring(prefix.length())).toList();
    }

    /** SHA-256 over every entry's name and content, in name order. */
    private static byte[] digest(Map<String, byte[]> entries) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
                sha.update(ByteBuffer.allocate(12).putInt(name.length).putLong(e.getValue().length).array());
                sha.update(name);
                sha.update(e.getValue());
            }
            return sha.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    /** @return whether {@code name} was written (in this scope) */
    public boolean has(String name) {
        return entries.containsKey(prefix + name);
    }

    // ---------------------------------------------------------------- writing

    /** Stores a long. */
    public void putLong(String name, long value) {
        put(name, ByteBuffer.allocate(8).putLong(value).array());
    }

    /** Stores a double. */
    public void putDouble(String name, double value) {
        put(name, ByteBuffer.allocate(8).putDouble(value).array());
    }

    /** Stores a boolean. */
    public void putBoolean(String name, boolean value) {
        put(name, new byte[] {(byte) (value ? 1 : 0)});
    }

    /** Stores longs (copied). */
    public void putLongs(String name, long[] values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length);
        b.asLongBuffer().put(values);
        put(name, b.array());
    }

    /** Stores doubles (copied). */
    public void putDoubles(String name, double[] values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length);
        b.asDoubleBuffer().put(values);
        put(name, b.array());
    }

    /** Stores ints (copied). */
    public void putInts(String name, int[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length);
        b.asIntBuffer().put(values);
        put(name, b.array());
    }

    /** Stores the first {@code count} floats (copied). */
    public void putFloats(String name, float[] values, int count) {
        ByteBuffer b = ByteBuffer.allocate(4 * count);
        b.asFloatBuffer().put(values, 0, count);
        put(name, b.array());
    }

    /** Stores floats (copied). */
    public void putFloats(String name, float[] values) {
        putFloats(name, values, values.length);
    }

    /** Stores the first {@code count} booleans (copied). */
    public void putBooleans(String name, boolean[] values, int count) {
        byte[] b = new byte[count];
        for (int i = 0; i < count; i++) {
            b[i] = (byte) (values[i] ? 1 : 0);
        }
        put(name, b);
    }

    /** Stores bytes (copied). */
    public void putBytes(String name, byte[] values) {
        put(name, values.clone());
    }

    /** Stores text as UTF-8. */
    public void putString(String name, String value) {
        put(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Stores a random stream's state. */
    public void putStream(String name, RandomStream stream) {
        putLongs(name, stream.state());
    }

    private void put(String name, byte[] bytes) {
        if (name.isEmpty() || name.startsWith("/")) {
            throw new IllegalArgumentException("bad checkpoint entry name '" + name + "'");
        }
        entries.put(prefix + name, bytes);
    }

    // ---------------------------------------------------------------- reading

    /** @return the long stored under {@code name} */
    public long getLong(String name) {
        return ByteBuffer.wrap(get(name, 8, 8)).getLong();
    }

    /** @return the double stored under {@code name} */
    public double getDouble(String name) {
        return ByteBuffer.wrap(get(name, 8, 8)).getDouble();
    }

    /** @return the boolean stored under {@code name} */
    public boolean getBoolean(String name) {
        return get(name, 1, 1)[0] != 0;
    }

    /** @return the longs stored under {@code name} */
    public long[] getLongs(String name) {
        byte[] b = get(name, -1, 8);
        long[] out = new long[b.length / 8];
        ByteBuffer.wrap(b).asLongBuffer().get(out);
        return out;
    }

    /** @return the doubles stored under {@code name} */
    public double[] getDoubles(String name) {
        byte[] b = get(name, -1, 8);
        double[] out = new double[b.length / 8];
        ByteBuffer.wrap(b).asDoubleBuffer().get(out);
        return out;
    }

    /** @return the ints stored under {@code name} */
    public int[] getInts(String name) {
        byte[] b = get(name, -1, 4);
        int[] out = new int[b.length / 4];
        ByteBuffer.wrap(b).asIntBuffer().get(out);
        return out;
    }

    /** @return the floats stored under {@code name} */
    public float[] getFloats(String name) {
        byte[] b = get(name, -1, 4);
        float[] out = new float[b.length / 4];
        ByteBuffer.wrap(b).asFloatBuffer().get(out);
        return out;
    }

    /**
     * @param name the entry
     * @param count how many floats it must hold
     * @return them
     * @throws CheckpointException if it holds another number, or a NaN or infinity
     */
    public float[] getFloats(String name, long count) {
        float[] out = getFloats(name);
        requireLength(name, out.length, count);
        for (float v : out) {
            if (!Float.isFinite(v)) {
                throw new CheckpointException(source + ": entry '" + prefix + name + "' holds NaN or infinity: the"
                        + " checkpoint is damaged, or the run had diverged when it was written");
            }
        }
        return out;
    }

    /** @return the booleans stored under {@code name} */
    public boolean[] getBooleans(String name) {
        byte[] b = get(name, -1, 1);
        boolean[] out = new boolean[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] != 0;
        }
        return out;
    }

    /** @return the bytes stored under {@code name} (a copy) */
    public byte[] getBytes(String name) {
        return get(name, -1, 1).clone();
    }

    /** @return the text stored under {@code name} */
    public String getString(String name) {
        return new String(get(name, -1, 1), StandardCharsets.UTF_8);
    }

    /**
     * Puts a random stream back where it was saved.
     *
     * @param name the entry
     * @param stream the stream to restore (modified)
     */
    public void restoreStream(String name, RandomStream stream) {
        try {
            stream.restore(getLongs(name));
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(source + ": entry '" + prefix + name + "' is not a random stream's state", e);
        }
    }

    /**
     * @param name the entry (for the message)
     * @param actual the size found
     * @param expected the size the reader's settings imply
     * @throws CheckpointException if they differ
     */
    public void requireLength(String name, long actual, long expected) {
        if (actual != expected) {
            throw new CheckpointException(source + ": entry '" + prefix + name + "' holds " + actual + " values where "
                    + expected + " were expected: the checkpoint was written with other settings (network sizes, buffer"
                    + " capacity, environment); resume it with the config.json it was written with");
        }
    }

    private byte[] get(String name, int exactBytes, int unit) {
        byte[] b = entries.get(prefix + name);
        if (b == null) {
            throw new CheckpointException(source + " has no entry '" + prefix + name + "': it was written by another"
                    + " agent or version; start the run again without --resume");
        }
        if ((exactBytes >= 0 && b.length != exactBytes) || b.length % unit != 0) {
            throw new CheckpointException(source + ": entry '" + prefix + name + "' has " + b.length
                    + " bytes, which is not a valid value of its type: the file is damaged");
        }
        return b;
    }
}
