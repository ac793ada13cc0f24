package io.tributary.sink;

import static io.tributary.sink.TestRecords.ours;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.devstack.S3Server;
import io.tributary.devstack.junit.DevStackTest;
import io.tributary.sink.buffer.AvroSchemas;
import io.tributary.sink.engine.FlushHooks;
import io.tributary.sink.stage.S3Stager;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/** {@code destination=s3}: the staged Avro files are the output, by table and date, every version with its metadata. */
@DevStackTest
class S3DestinationIT {

    @Test
    void batchesLandAsAvroFilesByTableAndDate(S3Server s3) throws Exception {
        String topic = "lake.public.events";
        Map<String, String> props = new java.util.HashMap<>(s3.sinkStagingConfig("lake"));
        props.putAll(Map.of("topics", topic, "destination", "s3", "warehouse.schema", "lake"));
        try (TaskDriver sink = new TaskDriver(props, new S3Stager(s3.newClient(), s3.bucket(), "lake"), FlushHooks.NONE)) {
            sink.batch(ours(topic, 0, 0, 1, "a", 10, "r"), ours(topic, 0, 1, 1, "b", 20, "u"));
            sink.batch(ours(topic, 0, 2, 2, "c", 5, "r"));
            assertEquals(3L, sink.committed.values().iterator().next().offset());
        }
        try (S3Client client = s3.newClient()) {
            List<String> keys = client.listObjectsV2(ListObjectsV2Request.builder().bucket(s3.bucket()).prefix("lake/").build())
                    .contents().stream().map(S3Object::key).sorted().toList();
            assertEquals(List.of("lake/lake.public_events/2023/11/14/lake.public.events+0+00000000000000000000-1.avro",
                    "lake/lake.public_events/2023/11/14/lake.public.events+0+00000000000000000002-2.avro"), keys);
            List<String> rows = new ArrayList<>();
            for (String key : keys) {
                try (InputStream in = client.getObject(GetObjectRequest.builder().bucket(s3.bucket()).key(key).build());
                        DataFileStream<GenericRecord> avro = new DataFileStream<>(in, new GenericDatumReader<>())) {
                    assertEquals("name", avro.getSchema().getField("name").getProp(AvroSchemas.COLUMN_PROPERTY));
                    for (GenericRecord record : avro) {
                        rows.add(record.get("id") + ":" + record.get("name") + "@" + record.get("__tributary_position")
                                + "/" + record.get("__tributary_op") + "/" + record.get("__tributary_offset"));
                    }
                }
            }
            assertEquals(List.of("1:a@10/r/0", "1:b@20/u/1", "2:c@5/r/2"), rows);
        }
    }

    /**
     * A run stages two objects, then dies before it commits the second. The replay gets the records in
     * other timing (one big batch instead of two): it must not write an object that overlaps the ones
     * already there, and every record is in exactly one object.
     */
    @Test
    void aReplayWithOtherTimingWritesNoOverlappingObject(S3Server s3) throws Exception {
        String topic = "lake.public.replays";
        Map<String, String> props = new java.util.HashMap<>(s3.sinkStagingConfig("replay"));
        props.putAll(Map.of("topics", topic, "destination", "s3", "warehouse.schema", "lake"));
        List<SinkRecord> records = new ArrayList<>();
        for (int offset = 0; offset < 15; offset++) {
            records.add(ours(topic, 0, offset, offset, "v" + offset, offset, "r"));
        }
        try (TaskDriver first = new TaskDriver(props, new S3Stager(s3.newClient(), s3.bucket(), "replay"), FlushHooks.NONE)) {
            first.batch(records.subList(0, 5));
            first.batch(records.subList(5, 10)); // staged; the worker dies before this commit reaches Kafka
        }
        try (TaskDriver replay = new TaskDriver(props, new S3Stager(s3.newClient(), s3.bucket(), "replay"), FlushHooks.NONE)) {
            replay.batch(records.subList(5, 15)); // from the last committed offset, 5, all at once
            assertEquals(15L, replay.committed.get(new org.apache.kafka.common.TopicPartition(topic, 0)).offset());
        }
        try (S3Client client = s3.newClient()) {
            List<String> keys = client.listObjectsV2(ListObjectsV2Request.builder().bucket(s3.bucket()).prefix("replay/").build())
                    .contents().stream().map(S3Object::key).sorted().toList();
            List<Long> offsets = new ArrayList<>();
            for (String key : keys) {
                try (InputStream in = client.getObject(GetObjectRequest.builder().bucket(s3.bucket()).key(key).build());
                        DataFileStream<GenericRecord> avro = new DataFileStream<>(in, new GenericDatumReader<>())) {
                    for (GenericRecord record : avro) {
                        offsets.add((Long) record.get("__tributary_offset"));
                    }
                }
            }
            assertEquals(java.util.stream.LongStream.range(0, 15).boxed().toList(), offsets.stream().sorted().toList(),
                    "every record in exactly one object: " + keys);
        }
    }
}
