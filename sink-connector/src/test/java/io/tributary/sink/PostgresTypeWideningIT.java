package io.tributary.sink;

import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.junit.DevStackTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@DevStackTest
class PostgresTypeWideningIT extends AbstractTypeWideningIT {

    private PostgresServer postgres;

    @BeforeEach
    void setUp(PostgresServer postgres) {
        this.postgres = postgres;
    }

    @Override
    Map<String, String> destinationConfig() {
        return Map.of("destination", "postgres", "warehouse.url", postgres.jdbcUrl(), "warehouse.user", postgres.user(),
                "warehouse.password", postgres.password());
    }

    @Override
    Connection connect() throws SQLException {
        return postgres.connect();
    }

    /**
     * Two tasks of one table widen the same column and add the same column at once (each its own
     * partition): neither fails the other, and both rows arrive. Repeated on fresh tables to meet the race.
     */
    @Test
    void twoTasksWideningTheSameColumnAtOnceDoNotFailEachOther() throws Exception {
        for (int round = 0; round < 3; round++) {
            try (TaskDriver first = driver(); TaskDriver second = driverForSameTable()) {
                first.batch(WideningRecords.record(topic(), 0, 10, WideningRecords.NARROW, 1, 7, "short", WideningRecords.decimal("1.00"),
                        1f, null, null));
                java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
                java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
                try {
                    java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
                    long id = 2;
                    for (TaskDriver task : java.util.List.of(first, second)) {
                        long row = id++;
                        done.add(threads.submit(() -> {
                            start.await();
                            return task.batch(WideningRecords.record(topic(), row, 20 + row, WideningRecords.WIDE_WITH_NOTE, row,
                                    AbstractTypeWideningIT.BIG + row, "y".repeat(150), WideningRecords.decimal("123456789.1234"), 0.5d, null, null,
                                    "n" + row));
                        }));
                    }
                    for (java.util.concurrent.Future<?> f : done) {
                        f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                    }
                } finally {
                    threads.shutdownNow();
                }
                java.util.Map<Long, java.util.List<Object>> rows = rows();
                org.junit.jupiter.api.Assertions.assertEquals(java.util.Set.of(1L, 2L, 3L), rows.keySet());
                org.junit.jupiter.api.Assertions.assertEquals(AbstractTypeWideningIT.BIG + 3, rows.get(3L).get(0));
                org.junit.jupiter.api.Assertions.assertEquals("n2", rows.get(2L).get(6));
            }
        }
    }
}
