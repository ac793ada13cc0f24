package io.tributary.source.it;

import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.junit.DevStackTest;
import io.tributary.source.dialect.SourceDialect;
import io.tributary.source.dialect.postgres.PostgresDialect;
import io.tributary.source.schema.TableId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

@DevStackTest
class PostgresTypesRoundTripIT extends AbstractTypesRoundTripIT {

    @BeforeEach
    void server(PostgresServer postgres) {
        db = postgres;
    }

    @Override
    TableId table() {
        return new TableId("public", "rt_types");
    }

    @Override
    SourceDialect dialect() {
        return new PostgresDialect();
    }

    @Override
    List<String> createTable() {
        return List.of("DROP TABLE IF EXISTS rt_types",
                "CREATE TABLE rt_types (id int PRIMARY KEY, c_int2 int2, c_int8 int8, c_float8 float8,"
                        + " c_num3810 numeric(38,10), c_num numeric, c_bool bool, c_text text, c_varchar varchar(20),"
                        + " c_date date, c_time time, c_ts timestamp, c_tstz timestamptz, c_json json, c_jsonb jsonb,"
                        + " c_uuid uuid, c_bytea bytea, c_int_arr int4[], c_text_arr text[], c_num_arr numeric(10,2)[])",
                "INSERT INTO rt_types VALUES (1, -32768, -9223372036854775808, 0.1,"
                        + " 1234567890123456789012345678.1234567891, 1.000000000000000000001000, true, 'héllo 日本 🎉', '',"
                        + " '1969-07-20', '23:59:59.123456', '2024-02-29 23:59:59.123456', '2024-02-29 23:59:59.123456+02',"
                        + " '{\"big\": 123456789012345678901234567890, \"a\": 1.000000000000000000001}',"
                        + " '{\"big\": 123456789012345678901234567890, \"a\": 1.000000000000000000001}',"
                        + " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '\\x00ff10', '{1,NULL,3}', '{\"a\",\"\",NULL}', '{1.5,NULL,-0.01}')",
                "INSERT INTO rt_types (id) VALUES (2)");
    }
}
