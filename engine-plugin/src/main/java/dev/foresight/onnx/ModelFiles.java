package dev.foresight.onnx;

import dev.foresight.env.EnvSpec;
import dev.foresight.model.ModelKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The checks every loaded Foresight ONNX file goes through: it exists, is of the kind expected, and fits its environment. */
final class ModelFiles {
    private ModelFiles() {
    }

    /** @throws NoSuchFileException if {@code file} is not a regular file */
    static Path requireFile(Path file) throws NoSuchFileException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such model file");
        }
        return file;
    }

    /**
     * Checks the file's kind (its {@code foresight.format}) before anything else, so that another
     * kind of Foresight file is named as what it is.
     *
     * @throws IOException naming what the file is and what was expected
     */
    static void requireKind(String source, String format, ModelKind expected) throws IOException {
        if (expected.format().equals(format)) {
            return;
        }
        String kind;
        try {
            kind = format == null ? "no Foresight file (no " + ModelMetadata.FORMAT_KEY + " metadata)"
                    : "a " + ModelKind.ofFormat(format).noun() + " file";
        } catch (IllegalArgumentException unknown) {
            kind = "a file of format '" + format + "'";
        }
        throw new IOException(source + " is an ONNX model but not a Foresight " + expected.noun() + ": it is " + kind
                + " (" + ModelMetadata.FORMAT_KEY + "=" + format + ", expected " + expected.format() + ")");
    }

    /**
     * @throws IllegalArgumentException naming the expected and actual values if the sizes or the environment name differ
     */
    static void requireCompatible(String source, String envName, int obsDim, int actionDim, EnvSpec spec) {
        if (spec.obsDim() != obsDim || spec.actionDim() != actionDim) {
            throw new IllegalArgumentException(source + " has obs size " + obsDim + " and action size " + actionDim
                    + ", but environment '" + spec.name() + "' has obs size " + spec.obsDim() + " and action size "
                    + spec.actionDim());
        }
        if (!envName.isEmpty() && !envName.equals(spec.name())) {
            throw new IllegalArgumentException(source + " was trained in environment '" + envName + "', not '" + spec.name() + "'");
        }
    }
}
