package io.tributary.sink.destination.redshift;

import io.tributary.sink.WarehouseSinkConfig;
import io.tributary.sink.buffer.Batch;
import io.tributary.sink.destination.StagedBatch;
import io.tributary.sink.destination.jdbc.StagingLoader;
import java.sql.Connection;
import java.sql.Statement;

/**
 * {@code COPY <staging> FROM 's3://...' FORMAT AS AVRO 'auto ignorecase'}: Redshift reads the staged
 * object itself, with the cluster's IAM role or with access keys. The statement holds secrets when
 * keys are used: it is never logged.
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
        return new RedshiftCopyLoader(config.redshiftIamRole(), config.stagingAccessKeyId(),
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
        }
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
