package com.shopflow.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Names the program listening on a port, when {@code ss} can tell, for the "port in use" message. */
final class PortOwner {

    private static final Pattern PID = Pattern.compile("pid=(\\d+)");

    private PortOwner() {
    }

    /** " by pid 123 (java -jar ...)", or empty when unknown. */
    static String describe(int port) {
        try {
            Process ss = new ProcessBuilder("ss", "-ltnpH", "sport = :" + port).redirectErrorStream(true).start();
            String output = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!ss.waitFor(5, TimeUnit.SECONDS) || ss.exitValue() != 0) {
                return "";
            }
            Matcher matcher = PID.matcher(output);
            if (!matcher.find()) {
                return "";
            }
            long pid = Long.parseLong(matcher.group(1));
            String command = ProcessHandle.of(pid).flatMap(p -> p.info().commandLine()).orElse("")
                    .replaceAll("\\s+", " ").trim();
            if (command.length() > 100) {
                command = command.substring(0, 100) + "...";
            }
            return " by pid " + pid + (command.isEmpty() ? "" : " (" + command + ")");
        } catch (IOException | RuntimeException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
