package com.shopflow.stack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/** Reading the components' log files: the last lines for error messages. */
final class Logs {

    private Logs() {
    }

    /** The last {@code lines} lines of the file (reads at most the last 64 KiB), indented for an error message. */
    static String tail(Path file, int lines) {
        if (!Files.exists(file)) {
            return "    (no log yet)";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long start = Math.max(0, length - 64 * 1024);
            byte[] bytes = new byte[(int) (length - start)];
            raf.seek(start);
            raf.readFully(bytes);
            String[] all = new String(bytes, StandardCharsets.UTF_8).split("\\R");
            Deque<String> last = new ArrayDeque<>();
            for (String line : all) {
                last.addLast("    " + line);
                if (last.size() > lines) {
                    last.removeFirst();
                }
            }
            return String.join("\n", last);
        } catch (IOException e) {
            return "    (cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
