package com.shopflow.stack;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** What {@code ./stack status} shows for one component. */
public record ComponentStatus(String name, Optional<Long> pid, Map<String, Integer> ports, State state, Path logFile) {

    /** Where the component is in its life. */
    public enum State {
        /** Running and its health check passes. */
        HEALTHY,
        /** Running, health check not (yet) passing. */
        UNHEALTHY,
        /** Not running although it was started and not stopped: it crashed or was killed. */
        EXITED,
        /** Not running. */
        STOPPED,
        /** Its jar or distribution is not built. */
        NOT_BUILT
    }

    public boolean running() {
        return pid.isPresent();
    }
}
