package io.tributary.source.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.common.LogicalTypes;
import io.tributary.devstack.MariaDbServer;
import io.tributary.devstack.junit.DevStackTest;
import io.tributary.source.dialect.SourceDialect;
import io.tributary.source.dialect.mysql.MySqlDialect;
import io.tributary.source.schema.TableId;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.BeforeEach;

@DevStackTest
class MariaDbTypesRoundTripIT extends AbstractTypesRoundTripIT {

    @BeforeEach
    void server(MariaDbServer mariadb) {
        db = mariadb;
    }

    @Override
    TableId table() {
        return new TableId("tributary", "rt_types");
    }

    @Override
    SourceDialect dialect() {
        return new MySqlDialect();
    }

    @Override
    List<String> createTable() {
        return List.of("DROP TABLE IF EXISTS rt_types",
                "CREATE TABLE rt_types (id int PRIMARY KEY, c_tiny tinyint, c_bigu bigint unsigned, c_double double,"
                        + " c_dec decimal(38,10), c_bool boolean, c_text text, c_varchar varchar(20) CHARACTER SET utf8mb4,"
                        + " c_date date, c_time time(6), c_dt datetime(6), c_ts timestamp(6) NULL, c_json json,"
                        + " c_uuid uuid, c_blob blob, c_enum enum('a','b')) CHARACTER SET utf8mb4",
                "INSERT INTO rt_types VALUES (1, -128, 18446744073709551615, 0.1, 1234567890123456789012345678.1234567891,"
                        + " true, 'héllo 日本 🎉', '', '1969-07-20', '23:59:59.123456', '2024-02-29 23:59:59.123456',"
                        + " '2024-02-29 23:59:59.123456', '{\"big\": 123456789012345678901234567890, \"a\": 1.000000000000000000001}',"
                        + " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', x'00ff10', 'b')",
                "INSERT INTO rt_types (id) VALUES (2)",
                // TIME is a duration: negative, and beyond a day up to 838:59:59
                "INSERT INTO rt_types (id, c_time) VALUES (3, '-01:00:00'), (4, '100:00:00'), (5, '838:59:59')");
    }

    /** A consumer gets TIME as a duration, exact and signed: -01:00 is not 23:00, 100:00 is not 04:00. */
    @Override
    void checkArrived(Map<Integer, Struct> arrived) {
        assertEquals(LogicalTypes.MICRO_DURATION, arrived.get(3).schema().field("c_time").schema().name());
        assertEquals(-3_600_000_000L, arrived.get(3).get("c_time"));
        assertEquals(360_000_000_000L, arrived.get(4).get("c_time"));
        assertEquals((838L * 3600 + 59 * 60 + 59) * 1_000_000L, arrived.get(5).get("c_time"));
    }
}
