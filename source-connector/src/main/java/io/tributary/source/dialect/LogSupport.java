package io.tributary.source.dialect;

import io.tributary.source.config.LogSettings;
import io.tributary.source.plan.LogStart;
import io.tributary.source.schema.TableDescription;
import io.tributary.source.schema.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceTask;

/**
 * What a database's log mode needs from its dialect: fixing a table's log start before its snapshot,
 * and running Debezium's log reader of that database (never a decoder of our own).
 */
public interface LogSupport {

    /**
     * Makes the table's changes capturable and fixes where they are streamed from, before its first
     * chunk is read: every change the chunks may miss is at or after the returned position. May wait
     * (bounded by {@link LogSettings#startWaitMs()}) for transactions that were writing at that moment.
     */
    LogStart prepareTable(Connection connection, TableDescription table, List<String> keyColumns, LogSettings settings)
            throws SQLException;

    /**
     * Checks, without changing anything, that the table's changes can be captured with this key (e.g. a
     * replica identity that covers the key columns); throws IllegalArgumentException naming the fix.
     */
    default void checkTable(Connection connection, TableDescription table, List<String> keyColumns) throws SQLException {
    }

    /** A new Debezium connector task for this database. */
    SourceTask newTask();

    /**
     * The Debezium task's properties.
     *
     * @param connection the connection settings: {@code url}, {@code user}, {@code password}
     * @param fresh whether no log offset is committed yet (the first start of the stream)
     */
    Map<String, String> taskProperties(Map<String, String> connection, LogSettings settings, String topicPrefix, boolean fresh);

    /**
     * Checks, before the log reader starts, that it can start where it must (e.g. its replication slot
     * still exists); throws, naming what is missing and the remedy, when it cannot.
     *
     * @param fresh whether no log offset is committed yet
     * @param starts the log starts of the planned tables the stream serves
     */
    void checkStart(Connection connection, LogSettings settings, boolean fresh, List<LogStart> starts) throws SQLException;

    /**
     * The offset the log reader starts from when none is committed yet, given the log starts of the
     * planned tables; null when the database keeps that position itself (a replication slot).
     */
    Map<String, Object> initialOffset(List<LogStart> starts);

    /** The position of a change event, from Debezium's {@code source} struct. */
    long position(Struct source);

    /** The table a change event belongs to, from Debezium's {@code source} struct. */
    TableId table(Struct source);

    /** The log the source still keeps for the stream (e.g. WAL retained by a replication slot), if known. */
    default OptionalLong retainedBytes(Connection connection, LogSettings settings) throws SQLException {
        return OptionalLong.empty();
    }

    /** Problems with the database's settings or the user's privileges for log mode, each with what to change. */
    List<String> problems(Connection connection, LogSettings settings) throws SQLException;
}
