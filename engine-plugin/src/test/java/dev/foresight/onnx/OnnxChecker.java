package dev.foresight.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Debian's independent ONNX checker (python3-onnx): required in CI, skipped with a reason elsewhere when missing. */
public final class OnnxChecker {
    private OnnxChecker() {
    }

    /** Asserts that the checker accepts {@code file} (full check, IR 8, opset 17). */
    public static void assertAccepted(Path file) throws IOException, InterruptedException {
        boolean available = Files.isExecutable(Path.of("/usr/bin/python3")) && run("/usr/bin/python3", "-c", "import onnx") == 0;
        if (System.getenv("CI") != null) {
            assertTrue(available, "CI must install python3-onnx for the independent checker");
        }
        assumeTrue(available, "Debian's python3-onnx is not installed (apt-get install python3-onnx)");
        int code = run("/usr/bin/python3", "-c",
                "import onnx,sys; m=onnx.load(sys.argv[1]); onnx.checker.check_model(m, full_check=True);"
                        + " assert m.ir_version == 8 and m.opset_import[0].version == 17", file.toString());
        assertEquals(0, code, "onnx.checker rejected " + file);
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
