package io.tributary.sink.destination.s3;

import io.tributary.sink.WarehouseSinkConfig;
import io.tributary.sink.destination.DestinationProvider;
import io.tributary.sink.destination.DestinationWriter;
import java.util.Map;

/**
 * {@code destination=s3}: the staged Avro files are the output, laid out by table and date
 * ({@code <prefix>/<schema>.<table>/<yyyy>/<MM>/<dd>/<topic>+<partition>+<first>-<last>.avro}); nothing is merged.
 * Every version is kept (write.mode does not apply), each with its metadata columns. A file holds one
 * topic partition, and a replay skips what earlier runs already wrote, so files never overlap.
 */
public final class S3DestinationProvider implements DestinationProvider {

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public String description() {
        return "s3 (the staged Avro files are the output)";
    }

    @Override
    public boolean readsStagedObject(WarehouseSinkConfig config) {
        return true;
    }

    @Override
    public DestinationWriter create(WarehouseSinkConfig config) {
        return new S3ObjectsWriter(config);
    }

    @Override
    public Map<String, String> validate(WarehouseSinkConfig config, Map<String, String> props) {
        return Map.of();
    }
}
