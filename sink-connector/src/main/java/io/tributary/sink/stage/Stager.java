package io.tributary.sink.stage;

import io.tributary.sink.buffer.Batch;

/** Puts a finished batch file where the warehouse can load it. */
public interface Stager extends AutoCloseable {

    /** The batch's object key, prefix included: the same for the same batch, whether or not it is uploaded. */
    default String key(Batch batch) {
        return StagingKeys.key("", batch);
    }

    /**
     * Uploads the batch; uploading the same batch again writes the same object.
     *
     * @return the object's URI, e.g. {@code s3://bucket/prefix/...avro}
     */
    String stage(Batch batch) throws Exception;

    @Override
    void close();
}
