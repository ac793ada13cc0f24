package io.tributary.devstack;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Stops child processes that are still running when this JVM exits normally (Ctrl-C included). */
final class ShutdownHooks {

    private static final Set<ChildJvm> CHILDREN = new LinkedHashSet<>();
    private static boolean installed;

    private ShutdownHooks() {
    }

    static synchronized void register(ChildJvm child) {
        if (!installed) {
            Runtime.getRuntime().addShutdownHook(new Thread(ShutdownHooks::stopAll, "devstack-shutdown"));
            installed = true;
        }
        CHILDREN.add(child);
    }

    static synchronized void unregister(ChildJvm child) {
        CHILDREN.remove(child);
    }

    private static void stopAll() {
        List<ChildJvm> children;
        synchronized (ShutdownHooks.class) {
            children = new ArrayList<>(CHILDREN);
        }
        // newest first: workers before the broker they depend on
        for (int i = children.size() - 1; i >= 0; i--) {
            children.get(i).stop();
        }
    }
}
