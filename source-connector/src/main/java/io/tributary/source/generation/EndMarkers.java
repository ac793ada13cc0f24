package io.tributary.source.generation;

import io.tributary.common.RecordHeaders;
import io.tributary.source.engine.Markers;
import io.tributary.source.offsets.GenerationOffset;
import io.tributary.source.offsets.SourcePartitions;
import io.tributary.source.plan.TablePlan;
import io.tributary.source.table.LedgerRecords;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the end-of-snapshot markers of the generations a task was handed (the connector hands them out
 * once every chunk of the generation is done in the committed offsets, so each partition already holds
 * the generation's rows): one record per partition of the table's topic, explicitly partitioned, then a
 * {@code snapshot_end} ledger event. All of them carry the table's generation offset marked "ended", so
 * once committed they are not sent again; a restart before that sends them again (the sink is idempotent).
 * A topic that does not exist (the table never sent a record) gets no markers: it holds no row to remove.
 */
public final class EndMarkers implements Markers {

    private static final Logger LOG = LoggerFactory.getLogger(EndMarkers.class);

    /** The generation whose markers to send, and the table's topic. */
    public record Job(TablePlan plan, String topic) {
    }

    private final List<Job> jobs;
    private final Map<Job, Long> notBefore = new HashMap<>();
    private final TopicLayout.Reader layouts;
    private final OffsetStorageReader offsets;
    private final String ledgerTopic;
    private final long retryMs;

    /** @param retryMs how long to wait before trying again when the topic could not be read */
    public EndMarkers(List<Job> jobs, TopicLayout.Reader layouts, OffsetStorageReader offsets, String ledgerTopic, long retryMs) {
        this.jobs = new ArrayList<>(jobs);
        this.layouts = layouts;
        this.offsets = offsets;
        this.ledgerTopic = ledgerTopic;
        this.retryMs = retryMs;
    }

    @Override
    public boolean due(long nowMs) {
        return dueJob(nowMs) != null;
    }

    @Override
    public List<SourceRecord> next(long nowMs) throws InterruptedException {
        Job job = dueJob(nowMs);
        if (job == null) {
            return List.of();
        }
        TablePlan plan = job.plan();
        GenerationOffset recorded = GenerationOffset.fromMap(offsets.offset(SourcePartitions.generation(plan.table())));
        boolean sent = recorded != null && recorded.ended() && recorded.planId().equals(plan.planId());
        if (sent || (recorded != null && recorded.generation() > plan.generation())) {
            jobs.remove(job); // sent already, or a newer generation is under way (its markers will follow)
            return List.of();
        }
        TopicLayout layout;
        try {
            layout = layouts.read(job.topic());
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            notBefore.put(job, nowMs + retryMs);
            LOG.warn("Cannot read the partitions of topic {} for the end-of-snapshot markers of {} (generation {}); trying again in"
                    + " {} ms: {}", job.topic(), plan.table(), plan.generation(), retryMs, e.toString());
            return List.of();
        }
        jobs.remove(job);
        int partitions = layout.exists() && !layout.compacted() ? layout.partitions() : 0;
        List<SourceRecord> records = records(plan, job.topic(), partitions);
        records.add(LedgerRecords.snapshotEnd(ledgerTopic, plan, job.topic(), partitions));
        if (layout.compacted()) {
            // sending would fail the task, and every table with it: this table's stale rows stay instead
            LOG.error("Snapshot of {} (generation {}) ended, but topic {} has cleanup.policy={}: end-of-snapshot markers have a null key,"
                    + " which a compacted topic refuses, so none is sent and a sink removes no stale rows of this table. Use a topic with"
                    + " cleanup.policy=delete, or set snapshot.end.markers=false", plan.table(), plan.generation(), job.topic(),
                    layout.cleanupPolicy());
        } else if (layout.exists()) {
            LOG.info("Snapshot of {} (generation {}) ended: a marker to each of the {} partition(s) of {}", plan.table(),
                    plan.generation(), layout.partitions(), job.topic());
        } else {
            LOG.warn("Snapshot of {} (generation {}) ended; topic {} does not exist, so it gets no markers and a sink removes no stale"
                    + " rows of this table (a transform that renames topics hides them from the markers too)", plan.table(),
                    plan.generation(), job.topic());
        }
        return records;
    }

    /** The end-of-snapshot records of {@code plan}'s generation, one to each of {@code partitions} partitions of {@code topic}. */
    static List<SourceRecord> records(TablePlan plan, String topic, int partitions) {
        List<SourceRecord> records = new ArrayList<>(partitions + 1);
        Map<String, Object> sourcePartition = SourcePartitions.generation(plan.table());
        Map<String, Object> offset = LedgerRecords.endedOffset(plan);
        for (int partition = 0; partition < partitions; partition++) {
            ConnectHeaders headers = new ConnectHeaders();
            headers.addString(RecordHeaders.OP, RecordHeaders.OP_SNAPSHOT_END);
            headers.addString(RecordHeaders.TABLE, plan.table());
            headers.addLong(RecordHeaders.GENERATION, plan.generation());
            if (plan.start() != null) {
                headers.addLong(RecordHeaders.GENERATION_START, plan.start());
            }
            headers.addInt(RecordHeaders.GENERATION_PARTITIONS, partitions);
            headers.addString(RecordHeaders.GENERATION_MODE, plan.keysOnly() ? RecordHeaders.MODE_KEYS : RecordHeaders.MODE_FULL);
            records.add(new SourceRecord(sourcePartition, offset, topic, partition, null, null, null, null, null, headers));
        }
        return records;
    }

    private Job dueJob(long nowMs) {
        for (Job job : jobs) {
            if (notBefore.getOrDefault(job, 0L) <= nowMs) {
                return job;
            }
        }
        return null;
    }
}
