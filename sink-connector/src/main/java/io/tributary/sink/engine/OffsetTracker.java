package io.tributary.sink.engine;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets of each partition are safe to commit. Every record the task takes is covered by a
 * {@link BatchTicket} (its batch's, or {@link BatchTicket#DONE} when it needs no write); records arrive
 * in offset order per partition, so a partition's tickets form a queue of offset runs. A partition may
 * commit up to the end of the longest prefix of runs whose tickets are done: a batch that is still in
 * flight, deferred or lost holds back every later offset of its partitions.
 */
final class OffsetTracker {

    private static final class Run {
        final BatchTicket ticket;
        final long first;
        long last;

        Run(BatchTicket ticket, long first) {
            this.ticket = ticket;
            this.first = first;
            this.last = first;
        }
    }

    private final Map<TopicPartition, Deque<Run>> runs = new HashMap<>();
    private final Map<TopicPartition, Long> committable = new HashMap<>();

    /** Record {@code offset} of {@code tp} belongs to {@code ticket}. Offsets must grow per partition. */
    void cover(TopicPartition tp, long offset, BatchTicket ticket) {
        Deque<Run> queue = runs.computeIfAbsent(tp, k -> new ArrayDeque<>());
        Run last = queue.peekLast();
        if (last != null && last.ticket == ticket) {
            last.last = offset;
        } else {
            queue.addLast(new Run(ticket, offset));
        }
    }

    /** The offset to commit per partition of {@code assigned} (the next offset to read), where one is known. */
    Map<TopicPartition, Long> committable(Set<TopicPartition> assigned) {
        for (Map.Entry<TopicPartition, Deque<Run>> entry : runs.entrySet()) {
            Deque<Run> queue = entry.getValue();
            while (!queue.isEmpty() && queue.peekFirst().ticket.isDone()) {
                committable.put(entry.getKey(), queue.pollFirst().last + 1);
            }
        }
        Map<TopicPartition, Long> out = new HashMap<>();
        committable.forEach((tp, offset) -> {
            if (assigned.contains(tp)) {
                out.put(tp, offset);
            }
        });
        return out;
    }

    /** Forgets every run of {@code tp} from {@code offset} on: those records will be delivered again. */
    void truncate(TopicPartition tp, long offset) {
        Deque<Run> queue = runs.get(tp);
        if (queue == null) {
            return;
        }
        for (Iterator<Run> it = queue.descendingIterator(); it.hasNext(); ) {
            Run run = it.next();
            if (run.first >= offset) {
                it.remove();
            } else {
                run.last = Math.min(run.last, offset - 1);
                break;
            }
        }
    }

    /** Forgets a partition the task no longer has. */
    void forget(TopicPartition tp) {
        runs.remove(tp);
        committable.remove(tp);
    }
}
