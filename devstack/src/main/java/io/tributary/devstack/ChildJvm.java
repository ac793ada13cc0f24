package io.tributary.devstack;

import io.tributary.devstack.dist.ChildMain;
import io.tributary.devstack.dist.KafkaDist;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started from the Kafka distribution's classpath (broker, Connect worker, Kafka tools), with
 * its output in a log file. It halts by itself when this process goes away (see {@link ChildMain}).
 */
public final class ChildJvm implements AutoCloseable {

    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final Path logFile;
    private final OutputStream lifeline;

    private ChildJvm(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.lifeline = process.getOutputStream();
    }

    /**
     * Starts {@code mainClass} in a new JVM.
     *
     * @param name      what logs and errors call the process, e.g. "connect-worker-1"
     * @param jvmArgs   JVM options such as -Xmx512m and -D properties
     * @param logFile   where standard output and error go
     */
    public static ChildJvm start(String name, List<String> jvmArgs, String mainClass, List<String> args, Path logFile) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(KafkaDist.classpathString());
        command.add(ChildMain.class.getName());
        command.add(mainClass);
        command.addAll(args);
        try {
            Files.createDirectories(logFile.getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            ChildJvm child = new ChildJvm(name, process, logFile);
            ShutdownHooks.register(child);
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Runs a main class to completion (e.g. a Kafka tool) and fails with its output if it exits non-zero. */
    public static void run(String name, List<String> jvmArgs, String mainClass, List<String> args, Path logFile, Duration timeout) {
        try (ChildJvm child = start(name, jvmArgs, mainClass, args, logFile)) {
            if (!child.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " did not finish within " + timeout + "; log: " + child.logTail());
            }
            if (child.process.exitValue() != 0) {
                throw new IllegalStateException(name + " exited with " + child.process.exitValue() + ": " + child.logTail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** Fails with the end of the log if the process has exited. */
    public void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + ": " + logTail());
        }
    }

    /** SIGKILL: the process gets no chance to clean up, like a crashed machine. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM, then SIGKILL if it has not stopped within 30 s. */
    public void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!awaitExit(GRACEFUL_STOP)) {
            kill();
        }
    }

    @Override
    public void close() {
        stop();
        try {
            lifeline.close();
        } catch (IOException e) {
            // the process is gone; nothing to release
        }
        ShutdownHooks.unregister(this);
    }

    /** The last lines of the log, for error messages. */
    public String logTail() {
        try {
            if (!Files.exists(logFile)) {
                return "(no log)";
            }
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return "\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 40), lines.size()))
                    + "\n  (full log: " + logFile + ")";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
