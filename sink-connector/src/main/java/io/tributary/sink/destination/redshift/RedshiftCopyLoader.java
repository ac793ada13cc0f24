package io.tributary.sink.destination.redshift;

import io.tributary.sink.WarehouseSinkConfig;
import io.tributary.sink.buffer.Batch;
import io.tributary.sink.destination.StagedBatch;
import io.tributary.sink.destination.sql.StagingLoader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@code COPY <staging> FROM 's3://...' FORMAT AS AVRO 'auto ignorecase'}: Redshift reads the staged
 * object itself, with the cluster's IAM role (recommended) or with access keys. The statement holds
 * secrets when keys are used: it is never logged, and a failing COPY's exception is rethrown without them.
 */
public final class RedshiftCopyLoader implements StagingLoader {

    private final String iamRole;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final String region;

    public RedshiftCopyLoader(String iamRole, String accessKeyId, String secretAccessKey, String region) {
        this.iamRole = blankToNull(iamRole);
        this.accessKeyId = blankToNull(accessKeyId);
        this.secretAccessKey = secretAccessKey;
        this.region = blankToNull(region);
    }

    public static RedshiftCopyLoader from(WarehouseSinkConfig config) {
        return new RedshiftCopyLoader(RedshiftSettings.of(config).iamRole(), config.stagingAccessKeyId(),
                config.stagingSecretAccessKey() == null ? null : config.stagingSecretAccessKey().value(), config.stagingRegion());
    }

    /** The COPY of one staged object into a table. */
    public String copy(String table, String uri) {
        if (!uri.startsWith("s3://")) {
            throw new IllegalArgumentException("Redshift COPY reads from S3 only, not " + uri);
        }
        StringBuilder sql = new StringBuilder("COPY \"").append(table.replace("\"", "\"\"")).append("\" FROM ").append(literal(uri));
        if (iamRole != null) {
            sql.append(" IAM_ROLE ").append(literal(iamRole));
        } else {
            sql.append(" ACCESS_KEY_ID ").append(literal(accessKeyId)).append(" SECRET_ACCESS_KEY ").append(literal(secretAccessKey));
        }
        sql.append(" FORMAT AS AVRO 'auto ignorecase'");
        if (region != null) {
            sql.append(" REGION ").append(literal(region));
        }
        return sql.append(" COMPUPDATE OFF STATUPDATE OFF").toString();
    }

    @Override
    public long load(Connection connection, String table, StagedBatch staged) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute(copy(table, staged.uri()));
            return staged.batch().records();
        } catch (SQLException e) {
            throw scrubbed(e);
        }
    }

    /**
     * The failure of a COPY without the access keys: a driver may echo the statement in its message
     * (or in a cause or a next exception), and {@code Retrier} logs and rethrows messages. The copy
     * keeps the message (keys replaced by ***), SQLState and vendor code, which decide retries; the
     * original, which may hold the keys, is dropped.
     */
    SQLException scrubbed(SQLException e) {
        StringBuilder message = new StringBuilder(scrub(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != e; cause = cause.getCause()) {
            message.append(" (caused by ").append(cause.getClass().getSimpleName()).append(": ").append(scrub(cause.getMessage())).append(')');
        }
        SQLException clean = new SQLException(message.toString(), e.getSQLState(), e.getErrorCode());
        clean.setStackTrace(e.getStackTrace());
        SQLException next = e.getNextException();
        if (next != null && next != e) {
            clean.setNextException(new SQLException(scrub(next.getMessage()), next.getSQLState(), next.getErrorCode()));
        }
        return clean;
    }

    private String scrub(String text) {
        if (text == null) {
            return "";
        }
        String out = text;
        for (String secret : new String[] {secretAccessKey, accessKeyId}) {
            if (secret != null && !secret.isEmpty()) {
                out = out.replace(literal(secret), "'***'").replace(secret, "***");
            }
        }
        return out;
    }

    @Override
    public long load(Connection connection, String table, Batch batch) {
        throw new UnsupportedOperationException("Redshift loads staged objects from S3, not local files");
    }

    static String literal(String value) {
        if (value == null) {
            throw new IllegalStateException("COPY needs redshift.iam.role or staging.s3.access.key.id and staging.s3.secret.access.key");
        }
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
