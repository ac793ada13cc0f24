package io.tributary.devstack.dist;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of every process the devstack starts (broker, Connect worker, Kafka tools).
 *
 * <p>Usage: {@code ChildMain <main class> [args...]}. It runs the given main class and, on a daemon
 * thread, reads standard input until end-of-file. The parent process holds the other end of that
 * pipe, so when the parent exits for any reason - even a crash or SIGKILL - the pipe closes and this
 * process halts instead of living on as an orphan that holds ports and memory.
 */
public final class ChildMain {

    private ChildMain() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 1) {
            System.err.println("usage: ChildMain <main class> [args...]");
            System.exit(2);
        }
        Thread watchdog = new Thread(ChildMain::haltWhenParentGone, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void haltWhenParentGone() {
        try (InputStream in = System.in) {
            byte[] buffer = new byte[256];
            while (in.read(buffer) >= 0) {
                // the parent never writes; anything read is ignored
            }
        } catch (IOException e) {
            // a broken pipe means the parent is gone, as end-of-file does
        }
        System.err.println("devstack: parent process is gone, halting");
        Runtime.getRuntime().halt(3);
    }
}
