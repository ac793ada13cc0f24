package io.tributary.sink.destination;

import io.tributary.sink.buffer.Batch;

/**
 * A batch that has been staged.
 *
 * @param batch the batch, its local file still present
 * @param uri where it was staged, e.g. {@code s3://bucket/key}
 */
public record StagedBatch(Batch batch, String uri) {
}
