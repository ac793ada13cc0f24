package io.tributary.devstack.quickstart;

import io.tributary.devstack.quickstart.LedgerProgress.TableProgress;
import java.io.Console;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * What the quickstart prints. On a terminal the progress block is redrawn in place (ANSI cursor
 * moves); otherwise (a pipe, a test) a block is printed at most every few seconds and when it changes.
 */
public final class Terminal {

    private static final int BAR_WIDTH = 28;
    private static final long PLAIN_INTERVAL_NANOS = 3_000_000_000L;

    private final PrintStream out;
    private final boolean ansi;
    private int drawnLines;
    private String lastPlain = "";
    private long lastPlainNanos;

    public Terminal(PrintStream out, boolean ansi) {
        this.out = out;
        this.ansi = ansi;
    }

    /** ANSI redraw when this process writes to a terminal and TERM is not dumb. */
    public static Terminal system() {
        boolean tty = isTerminal(System.console()) && !"dumb".equals(System.getenv("TERM"));
        return new Terminal(System.out, tty);
    }

    /**
     * Before JDK 22 there is a console only on a terminal; JDK 22 to 24 give one for a pipe too, and
     * only its isTerminal() (JDK 22 and later: called by reflection, this code is built for 17) tells.
     */
    private static boolean isTerminal(Console console) {
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // before JDK 22
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    public void line(String text) {
        drawnLines = 0;
        out.println(text);
        out.flush();
    }

    /** A heading with the seconds since this JVM started. */
    public void section(String title) {
        double at = (System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime()) / 1000.0;
        String heading = String.format(Locale.ROOT, "== %s  [%.1f s]", title, at);
        line("");
        line(ansi ? "\033[1m" + heading + "\033[0m" : heading);
    }

    /** Draws one progress bar per table. */
    public void progress(List<TableProgress> tables, String footer) {
        StringBuilder block = new StringBuilder();
        for (TableProgress t : tables) {
            block.append(bar(t)).append('\n');
        }
        block.append(footer).append('\n');
        redraw(block.toString(), false);
    }

    /** Draws free text in the redrawn area (e.g. warehouse row counts). */
    public void status(String text, boolean force) {
        redraw(text.endsWith("\n") ? text : text + "\n", force);
    }

    /** Draws the final state of a redrawn block (plain mode: unless just printed); the next output goes below it. */
    public void settle(String finalText) {
        String block = finalText.endsWith("\n") ? finalText : finalText + "\n";
        if (ansi) {
            redraw(block, true);
        } else if (!block.equals(lastPlain)) {
            out.print(block);
        }
        drawnLines = 0;
        lastPlain = "";
        out.flush();
    }

    static String bar(TableProgress t) {
        double fraction = t.chunks() == 0 ? 0 : (double) t.chunksDone() / t.chunks();
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        String eta = t.finished() ? "done" : t.etaSeconds() < 0 ? "ETA ?" : "ETA " + t.etaSeconds() + "s";
        return String.format(Locale.ROOT, "  %-18s [%s%s] %3d/%-3d chunks %,11d rows %,9.0f rows/s  %s", t.table(),
                "#".repeat(filled), ".".repeat(BAR_WIDTH - filled), t.chunksDone(), t.chunks(), t.rows(),
                t.rowsPerSecond(), eta);
    }

    private void redraw(String block, boolean force) {
        if (ansi) {
            StringBuilder s = new StringBuilder();
            if (drawnLines > 0) {
                s.append("\033[").append(drawnLines).append('A');
            }
            for (String line : block.split("\n", -1)) {
                if (!line.isEmpty()) {
                    s.append("\r\033[2K").append(line).append('\n');
                }
            }
            out.print(s);
            out.flush();
            drawnLines = (int) block.chars().filter(c -> c == '\n').count();
            return;
        }
        long now = System.nanoTime();
        if (!block.equals(lastPlain) && (force || now - lastPlainNanos >= PLAIN_INTERVAL_NANOS)) {
            out.print(block);
            out.flush();
            lastPlain = block;
            lastPlainNanos = now;
        }
    }
}
