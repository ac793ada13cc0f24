package io.tributary.sink.destination;

import io.tributary.sink.buffer.Batch;

/**
 * A batch ready to be written.
 *
 * @param batch the batch, its local file still present
 * @param key the batch's deterministic object key (prefix included), also when it was not uploaded
 * @param uri where it was staged, e.g. {@code s3://bucket/key}; null when it was not uploaded (the
 *        destination reads the local file and no archive was asked for)
 */
public record StagedBatch(Batch batch, String key, String uri) {

    public boolean uploaded() {
        return uri != null;
    }
}
