package io.tributary.devstack.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TerminalTest {

    /**
     * The test JVM writes to a pipe, not a terminal: the quickstart's output must be plain text. On
     * JDK 22 and later System.console() is not null for a pipe, so that alone does not tell.
     */
    @Test
    void outputToAPipeHasNoAnsiCodes() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Terminal.system().section("snapshot");
        } finally {
            System.setOut(original);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        assertEquals(-1, printed.indexOf('\033'), "ANSI escape in: " + printed);
    }
}
