package io.tributary.sink.engine;

import io.tributary.sink.buffer.Batch;

/**
 * Points in a flush where tests inject faults (a crash between staging and merge, or between merge
 * and offset commit). Production uses {@link #NONE}; there is no configuration key for it.
 */
public interface FlushHooks {

    FlushHooks NONE = new FlushHooks() {
    };

    /** After the batch is on S3, before the merge. */
    default void afterStage(Batch batch, String uri) {
    }

    /** After the merge committed, before the offsets are handed to Connect. */
    default void afterMerge(Batch batch) {
    }
}
