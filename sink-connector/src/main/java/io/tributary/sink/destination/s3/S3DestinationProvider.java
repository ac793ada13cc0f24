package io.tributary.sink.destination.s3;

import io.tributary.sink.WarehouseSinkConfig;
import io.tributary.sink.destination.DestinationProvider;
import io.tributary.sink.destination.DestinationWriter;
import io.tributary.sink.destination.StagedBatch;
import java.util.Map;

/**
 * {@code destination=s3}: the staged Avro files are the output, laid out by table and date
 * ({@code <prefix>/<schema>.<table>/<yyyy>/<MM>/<dd>/<topic>+<partition>+<first>-<last>.avro}); nothing is merged.
 * Every version is kept (write.mode does not apply), each with its metadata columns.
 */
public final class S3DestinationProvider implements DestinationProvider {

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public DestinationWriter create(WarehouseSinkConfig config) {
        return new DestinationWriter() {
            @Override
            public void write(StagedBatch batch) {
                // the upload by the stager is the write
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public Map<String, String> validate(WarehouseSinkConfig config, Map<String, String> props) {
        return Map.of();
    }
}
