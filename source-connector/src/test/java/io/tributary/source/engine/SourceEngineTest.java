package io.tributary.source.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.TransactionContext;
import org.junit.jupiter.api.Test;

/** The engine with fake work, sessions and clock: the order of phases, reopening, transactions, waiting. */
class SourceEngineTest {

    private final FakeClock clock = new FakeClock();
    private final FakeSession snapshotSession = new FakeSession();
    private final FakeSession incrementalSession = new FakeSession();
    private final Transactions transactions = new Transactions();

    private static SourceRecord record(String name) {
        return new SourceRecord(Map.of("t", "x"), Map.of("o", name), "topic", Schema.STRING_SCHEMA, name);
    }

    private SourceEngine engine(Planning planning, Snapshot snapshot, Incremental incremental) {
        return new SourceEngine(planning, snapshot, incremental, snapshotSession, incrementalSession,
                new SourceEngine.Limits(100, 2, SourceEngine.Throttle.NONE), transactions, clock);
    }

    @Test
    void plansComeFirstThenChunksWithPollingInTurnEachInItsOwnTransaction() throws Exception {
        FakePlanning planning = new FakePlanning("plan-a");
        FakeSnapshot snapshot = new FakeSnapshot(new FakeChunk("c0", 3));
        FakeIncremental incremental = new FakeIncremental(List.of(List.of("u1"), List.of()));
        SourceEngine engine = engine(planning, snapshot, incremental);

        assertEquals(List.of("plan-a"), values(engine.poll()));
        assertEquals(List.of("c0-1", "c0-2"), values(engine.poll()));
        assertEquals(List.of("u1"), values(engine.poll()), "a table due for polling is polled in turn with the chunks (a re-snapshot"
                + " polls on; another table's chunks do not hold up its polling)");
        assertEquals(List.of("c0-3", "done c0"), values(engine.poll()));
        assertNull(engine.poll(), "caught up: the engine waits for the next poll");
        assertTrue(clock.slept > 0 && clock.slept <= 1_000, "it waited at most a second: " + clock.slept);
        assertEquals(List.of("plan-a", "u1", "done c0"), transactions.committedAt,
                "a plan, a page (with the chunk's rows before it: each row's offset is a resume point) and the chunk's rest");
    }

    @Test
    void markersAreSentAfterPlansAndBeforeChunks() throws Exception {
        List<String> sent = new ArrayList<>(List.of("e-0", "e-1"));
        Markers markers = new Markers() {
            @Override
            public boolean due(long nowMs) {
                return !sent.isEmpty();
            }

            @Override
            public List<SourceRecord> next(long nowMs) {
                List<SourceRecord> out = sent.stream().map(SourceEngineTest::record).toList();
                sent.clear();
                return out;
            }
        };
        SourceEngine engine = new SourceEngine(new FakePlanning("plan-a"), markers, new FakeSnapshot(new FakeChunk("c0", 1)),
                new FakeIncremental(List.of()), snapshotSession, incrementalSession,
                new SourceEngine.Limits(100, 2, SourceEngine.Throttle.NONE), transactions, clock);
        assertEquals(List.of("plan-a"), values(engine.poll()));
        assertEquals(List.of("e-0", "e-1"), values(engine.poll()));
        assertEquals(List.of("c0-1", "done c0"), values(engine.poll()));
        assertEquals(List.of("plan-a", "e-1", "done c0"), transactions.committedAt, "the markers are one transaction");
    }

    @Test
    void aChunkIsOpenedAgainOnAFreshConnectionAndResumes() throws Exception {
        FakeChunk chunk = new FakeChunk("c0", 5);
        SourceEngine engine = engine(new FakePlanning(), new FakeSnapshot(chunk), new FakeIncremental(List.of()));
        assertEquals(List.of("c0-1", "c0-2"), values(engine.poll()));
        assertEquals(1, chunk.opened);
        snapshotSession.loseConnection(); // the next call runs on a new connection
        assertEquals(List.of("c0-3", "c0-4"), values(engine.poll()));
        assertEquals(2, chunk.opened, "opened again on the fresh connection, resuming after the last row");
        assertEquals(List.of("c0-5", "done c0"), values(engine.poll()));
    }

    @Test
    void aChunkThatReadsForLongCommitsWhereItIsBeforeTheProducerTransactionTimesOut() throws Exception {
        FakeChunk chunk = new FakeChunk("c0", 100);
        SourceEngine engine = engine(new FakePlanning(), new FakeSnapshot(chunk), new FakeIncremental(List.of()));
        engine.poll();
        clock.nanos += 10_000_000_000L;
        engine.poll();
        assertEquals(List.of(), transactions.committedAt, "10 s into the chunk: still one transaction");
        clock.nanos += 25_000_000_000L;
        engine.poll();
        assertEquals(List.of("c0-6"), transactions.committedAt, "past 30 s: committed at the last row read");
    }

    @Test
    void anAbandonedChunkIsDroppedWithoutItsDoneMarkAndTheNextChunkIsRead() throws Exception {
        FakeChunk broken = new FakeChunk("c0", 5);
        broken.abandonAfter = 2;
        SourceEngine engine = engine(new FakePlanning(), new FakeSnapshot(broken, new FakeChunk("c1", 1)),
                new FakeIncremental(List.of()));
        assertEquals(List.of("c0-1", "c0-2"), values(engine.poll()));
        assertNull(engine.poll(), "the chunk's table failed: nothing more of it, and no done mark");
        assertEquals(List.of("c1-1", "done c1"), values(engine.poll()));
        assertEquals(List.of("done c1"), transactions.committedAt);
    }

    @Test
    void aTableThatWasPlannedMeanwhileYieldsNoRecord() throws Exception {
        FakePlanning planning = new FakePlanning((String) null);
        SourceEngine engine = engine(planning, new FakeSnapshot(), new FakeIncremental(List.of()));
        assertNull(engine.poll());
        assertEquals(List.of(), transactions.committedAt);
        assertTrue(!planning.due(clock.millis()));
    }

    private static List<Object> values(List<SourceRecord> records) {
        return records == null ? null : records.stream().map(SourceRecord::value).toList();
    }

    private static final class FakeClock implements SourceEngine.Clock {
        long millis = 1_000_000L;
        long nanos = 5_000_000_000L;
        long slept;

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public long nanos() {
            return nanos;
        }

        @Override
        public void sleep(long ms) {
            slept += ms;
            millis += ms;
            nanos += ms * 1_000_000L;
        }
    }

    private static final class FakeSession implements SqlSession {
        boolean fresh = true;

        void loseConnection() {
            fresh = true;
        }

        @Override
        public <T> T call(SqlAction<T> action) {
            try {
                T result = action.run(null, fresh);
                fresh = false;
                return result;
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public void endTransaction() {
        }

        @Override
        public void close() {
        }
    }

    private static final class Transactions implements TransactionContext {
        final List<Object> committedAt = new ArrayList<>();

        @Override
        public void commitTransaction() {
            committedAt.add("(all)");
        }

        @Override
        public void commitTransaction(SourceRecord record) {
            committedAt.add(record.value());
        }

        @Override
        public void abortTransaction() {
        }

        @Override
        public void abortTransaction(SourceRecord record) {
        }
    }

    private static final class FakePlanning implements Planning {
        private final Deque<String> tables = new ArrayDeque<>();
        private int skipped;

        FakePlanning(String... plans) {
            for (String plan : plans) {
                if (plan == null) {
                    skipped++;
                } else {
                    tables.add(plan);
                }
            }
        }

        @Override
        public boolean due(long nowMs) {
            return !tables.isEmpty() || skipped > 0;
        }

        @Override
        public List<SourceRecord> planNext(Connection connection, long nowMs) {
            if (skipped > 0) {
                skipped--;
                return List.of();
            }
            return List.of(record(tables.poll()));
        }
    }

    private static final class FakeChunk implements Snapshot.Chunk {
        final String name;
        final int rows;
        int read;
        int opened;
        int abandonAfter = -1;
        boolean abandoned;

        FakeChunk(String name, int rows) {
            this.name = name;
            this.rows = rows;
        }

        @Override
        public void open(Connection connection, int fetchSize) {
            opened++;
        }

        @Override
        public List<SourceRecord> read(int max) {
            if (abandonAfter >= 0 && read >= abandonAfter) {
                abandoned = true; // its table failed: nothing more
                return List.of();
            }
            List<SourceRecord> out = new ArrayList<>();
            while (out.size() < max && read < rows) {
                out.add(record(name + "-" + ++read));
            }
            return out;
        }

        @Override
        public boolean exhausted() {
            return read >= rows;
        }

        @Override
        public boolean abandoned() {
            return abandoned;
        }

        @Override
        public void measured(int rowCount, long nanos) {
        }
    }

    private static final class FakeSnapshot implements Snapshot {
        private final Deque<FakeChunk> chunks;
        private FakeChunk current;

        FakeSnapshot(FakeChunk... chunks) {
            this.chunks = new ArrayDeque<>(List.of(chunks));
        }

        @Override
        public boolean finished() {
            return current == null && chunks.isEmpty();
        }

        @Override
        public Chunk current() {
            if (current == null) {
                current = chunks.poll();
            }
            return current;
        }

        @Override
        public void finishCurrent(List<SourceRecord> records) {
            records.add(record("done " + current.name));
            current = null;
        }

        @Override
        public void abandonCurrent() {
            current = null;
        }

        @Override
        public void close() {
        }
    }

    private static final class FakeIncremental implements Incremental {
        private final Deque<List<String>> pages;
        private final Poller poller = new Poller() {
            @Override
            public List<SourceRecord> poll(Connection connection, int max) {
                List<String> page = pages.isEmpty() ? List.of() : pages.poll();
                return page.stream().map(SourceEngineTest::record).toList();
            }

            @Override
            public void measured(int rows) {
            }
        };
        private long dueAt;

        FakeIncremental(List<List<String>> pages) {
            this.pages = new ArrayDeque<>(pages);
        }

        @Override
        public boolean isEmpty() {
            return false;
        }

        @Override
        public Poller nextDue(long nowMs) {
            return nowMs >= dueAt ? poller : null;
        }

        @Override
        public void polled(Poller p, int rows, int pageSize, long nowMs) {
            dueAt = rows >= pageSize ? nowMs : nowMs + 500;
        }

        @Override
        public long millisUntilDue(long nowMs) {
            return Math.max(0, dueAt - nowMs);
        }
    }
}
