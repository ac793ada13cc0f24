package io.tributary.sink.buffer;

/**
 * The Kafka offsets of one topic partition that a batch covers: every record from {@code first} to
 * {@code last} was either written into the batch or skipped (dead-letter queue, a delete that
 * changes nothing) while the batch was open.
 */
public record OffsetRange(long first, long last) {

    public OffsetRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("not an offset range: " + first + "-" + last);
        }
    }

    OffsetRange extendTo(long offset) {
        return new OffsetRange(first, Math.max(last, offset));
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
