package io.tributary.devstack.quickstart;

import io.tributary.devstack.quickstart.QuickstartOptions.Destination;

/** The "how to look" text printed once the quickstart is in sync and stays up. */
final class QuickstartHelp {

    private QuickstartHelp() {
    }

    static void print(Terminal terminal, QuickstartStack stack, QuickstartOptions options) {
        String rest = stack.cluster().rest().baseUri().toString();
        int pgPort = stack.postgres().port();
        terminal.section("Running. Look around (Ctrl-C stops everything)");
        terminal.line("  Connectors:      curl -s '" + rest + "connectors?expand=status'");
        terminal.line("                   curl -s " + rest + "connectors/" + ConnectorConfigs.SOURCE_NAME + "/status");
        terminal.line("  Source offsets:  curl -s " + rest + "connectors/" + ConnectorConfigs.SOURCE_NAME + "/offsets");
        terminal.line("  Kafka UI:        bootstrap server " + stack.cluster().bootstrapServers()
                + "  (topics " + ConnectorConfigs.TOPIC_PREFIX + ".shop.*, ledger " + ConnectorConfigs.LEDGER_TOPIC + ")");
        terminal.line("  Change a row:    psql 'postgresql://postgres:postgres@127.0.0.1:" + pgPort + "/postgres' -c \\");
        terminal.line("                     \"UPDATE shop.customers SET name = 'Renamed', updated_at = now() WHERE id = 10\"");
        if (options.destination() == Destination.DUCKDB) {
            terminal.line("  Warehouse:       duckdb -readonly " + stack.duckDbFile() + " \\");
            terminal.line("                     \"SELECT id, name, updated_at FROM shop.customers WHERE id = 10\"");
            terminal.line("                   (the sink opens the file for each merge: if it is locked, try again a moment later)");
        } else {
            terminal.line("  Warehouse:       psql 'postgresql://postgres:postgres@127.0.0.1:" + pgPort + "/warehouse' -c \\");
            terminal.line("                     \"SELECT id, name, updated_at FROM shop.customers WHERE id = 10\"");
        }
        terminal.line("  Logs:            " + stack.cluster().worker(0).logFile());
        terminal.line("  Work folder:     " + options.workDir() + (options.keepData() ? " (kept after Ctrl-C)" : " (deleted on Ctrl-C; --keep-data keeps it)"));
    }
}
