package io.tributary.source.incremental;

import io.tributary.source.engine.Incremental;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task's incremental work: its tables' pollers, each asked again right away while it returns full
 * pages, and after {@code poll.interval.ms} once it has caught up.
 */
public final class IncrementalPhase implements Incremental {

    private static final Logger LOG = LoggerFactory.getLogger(IncrementalPhase.class);

    private final List<CursorPoller> pollers;
    private final long[] dueAt;
    private final long intervalMs;
    private int next;

    public IncrementalPhase(List<CursorPoller> pollers, long intervalMs) {
        this.pollers = new ArrayList<>(pollers);
        this.dueAt = new long[pollers.size()];
        this.intervalMs = intervalMs;
        pollers.forEach(p -> LOG.info("Incremental polling of {} by {} every {} ms", p.table().name(),
                p.table().plan().cursorColumns(), intervalMs));
    }

    @Override
    public boolean isEmpty() {
        return pollers.isEmpty();
    }

    /** The next poller that is due, round-robin, or null if none is due now. */
    @Override
    public CursorPoller nextDue(long nowMs) {
        for (int i = 0; i < pollers.size(); i++) {
            int index = (next + i) % pollers.size();
            if (dueAt[index] <= nowMs && !pollers.get(index).failed()) {
                next = (index + 1) % pollers.size();
                return pollers.get(index);
            }
        }
        return null;
    }

    /** Records how a poll went: a full page means more is waiting; otherwise rest for the interval. */
    @Override
    public void polled(Poller poller, int rows, int pageSize, long nowMs) {
        int index = pollers.indexOf(poller);
        dueAt[index] = rows >= pageSize ? nowMs : nowMs + intervalMs;
    }

    /** Milliseconds until the next poller is due. */
    @Override
    public long millisUntilDue(long nowMs) {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < dueAt.length; i++) {
            if (!pollers.get(i).failed()) {
                min = Math.min(min, dueAt[i] - nowMs);
            }
        }
        return Math.max(0, min);
    }
}
