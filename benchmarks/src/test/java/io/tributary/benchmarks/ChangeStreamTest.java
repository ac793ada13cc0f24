package io.tributary.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

class ChangeStreamTest {

    @Test
    void theEventsDecodeWithTheWorkersConverterAndEndInTheExpectedFinalTable() throws Exception {
        JsonConverter values = new JsonConverter();
        values.configure(Map.of("schemas.enable", "true"), false);
        JsonConverter keys = new JsonConverter();
        keys.configure(Map.of("schemas.enable", "true"), true);
        ChangeStream stream = new ChangeStream(5_000, 2);
        Map<Long, Struct> finalRows = new HashMap<>();
        Set<Long> inserted = new HashSet<>();
        int[] updates = {0};
        stream.generate(event -> {
            Struct key = (Struct) keys.toConnectData("t", event.key()).value();
            Struct value = (Struct) values.toConnectData("t", event.value()).value();
            Struct after = value.getStruct("after");
            assertEquals(event.id(), key.getInt64("id"));
            assertEquals(event.id(), after.getInt64("id"));
            assertEquals((int) (event.id() % 2), event.partition(), "a key always lands in the same partition");
            if (value.getString("op").equals("u")) {
                updates[0]++;
                assertTrue(inserted.contains(event.id()), "an update changes a key inserted before it");
                assertEquals(finalRows.get(event.id()).getInt32("version") + 1, after.getInt32("version"));
            } else {
                assertTrue(inserted.add(event.id()), "an insert brings a new key");
                assertEquals(1, after.getInt32("version"));
            }
            finalRows.put(event.id(), after);
        });

        assertEquals(1_000, updates[0], "one event in five is an update");
        assertEquals(4_000, stream.expectedRows());
        assertEquals(finalRows.size(), stream.expectedRows());
        assertEquals(5_000, stream.expectedVersionSum(), "every event adds one version");
        StringWriter copy = new StringWriter();
        stream.writeCopyText(copy);
        List<String> lines = copy.toString().lines().toList();
        assertEquals(4_000, lines.size());
        for (String line : lines) {
            String[] columns = line.split("\t", -1);
            Struct row = finalRows.get(Long.parseLong(columns[0]));
            assertEquals(row.getString("name"), columns[1]);
            assertEquals(row.getString("email"), columns[2]);
            assertEquals(row.get("amount"), new BigDecimal(columns[3]));
            assertEquals(row.getInt32("quantity"), Integer.parseInt(columns[4]));
            assertEquals(row.getFloat64("price"), Double.parseDouble(columns[5]));
            assertEquals(row.getBoolean("active"), columns[6].equals("t"));
            assertEquals(((java.util.Date) row.get("born")).toInstant().toString().substring(0, 10), columns[7]);
            assertEquals(((java.util.Date) row.get("updated_at")).toInstant().toString(), columns[8]);
            assertEquals(row.getInt32("version"), Integer.parseInt(columns[9]));
        }
    }
}
