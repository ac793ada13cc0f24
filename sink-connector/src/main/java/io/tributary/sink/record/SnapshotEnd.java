package io.tributary.sink.record;

/**
 * What an end-of-snapshot marker ({@code tributary.op=e}) says: generation {@code generation} of its
 * table is read completely, as far as the partition it came through is concerned.
 *
 * @param generation the generation that ended
 * @param start its start point, in the encoding of positions; null when the table has none
 * @param partitions the topic's partition count: one marker goes to each partition
 * @param mode {@code full} or {@code keys} (a keys-only refresh)
 */
public record SnapshotEnd(long generation, Long start, int partitions, String mode) {
}
