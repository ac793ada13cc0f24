package io.tributary.sink.destination.snowflake;

import io.tributary.sink.WarehouseSinkConfig;
import io.tributary.sink.buffer.Batch;
import io.tributary.sink.destination.StagedBatch;
import io.tributary.sink.destination.sql.StagingLoader;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a staged Avro file with {@code COPY INTO}: from the external stage over the staging bucket
 * when {@code snowflake.stage} is set, else after a {@code PUT} of the local file to the user stage.
 * {@code FORCE = TRUE}: a replay loads the file again (into a new temporary table), never skips it.
 */
public final class SnowflakeCopyLoader implements StagingLoader {

    static final String USER_STAGE_FOLDER = "@~/tributary/";

    private final String externalStage;
    private final String bucket;
    private final String prefix;

    public SnowflakeCopyLoader(String externalStage, String bucket, String prefix) {
        this.externalStage = externalStage == null || externalStage.isBlank() ? null : externalStage.trim();
        this.bucket = bucket;
        this.prefix = prefix == null ? "" : prefix;
    }

    public static SnowflakeCopyLoader from(WarehouseSinkConfig config) {
        return new SnowflakeCopyLoader(SnowflakeSettings.of(config).stage(), config.stagingBucket(), config.stagingPrefix());
    }

    /** The statements that load one staged batch into {@code table}. */
    public List<String> statements(String table, StagedBatch staged) {
        String path = relativePath(staged.key());
        List<String> sql = new ArrayList<>();
        String from;
        if (externalStage != null) {
            from = "@" + externalStage;
        } else {
            // PUT keeps the local file's name; the folder is the staged key's, so batches never collide
            String folder = USER_STAGE_FOLDER + path.substring(0, path.lastIndexOf('/') + 1);
            sql.add("PUT " + literal("file://" + staged.batch().file().toAbsolutePath()) + " " + literal(folder)
                    + " AUTO_COMPRESS = FALSE OVERWRITE = TRUE");
            from = literal(folder);
            path = staged.batch().file().getFileName().toString();
        }
        sql.add("COPY INTO " + quote(table) + " FROM " + from + " FILES = (" + literal(path) + ")"
                + " FILE_FORMAT = (TYPE = AVRO) MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE FORCE = TRUE"
                + (externalStage == null ? " PURGE = TRUE" : ""));
        return sql;
    }

    /** The object key below the stage's URL (s3://bucket/prefix/). */
    String relativePath(String key) {
        String base = prefix.isEmpty() ? "" : prefix + "/";
        if (!key.startsWith(base)) {
            throw new IllegalArgumentException("staged object " + key + " is not below s3://" + bucket + "/" + base
                    + ", the URL the stage must have");
        }
        return key.substring(base.length());
    }

    @Override
    public long load(Connection connection, String table, StagedBatch staged) throws Exception {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(table, staged)) {
                statement.execute(sql);
            }
        }
        return staged.batch().records();
    }

    @Override
    public long load(Connection connection, String table, Batch batch) {
        throw new UnsupportedOperationException("Snowflake loads staged batches");
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
