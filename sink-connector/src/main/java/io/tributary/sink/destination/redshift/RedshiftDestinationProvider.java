package io.tributary.sink.destination.redshift;

import static io.tributary.sink.WarehouseSinkConfig.STAGING_S3_ENDPOINT;
import static io.tributary.sink.WarehouseSinkConfig.WAREHOUSE_PASSWORD;
import static io.tributary.sink.WarehouseSinkConfig.WAREHOUSE_SCHEMA;
import static io.tributary.sink.WarehouseSinkConfig.WAREHOUSE_URL;
import static io.tributary.sink.WarehouseSinkConfig.WAREHOUSE_USER;
import static io.tributary.sink.destination.redshift.RedshiftSettings.IAM_ROLE;

import io.tributary.sink.WarehouseSinkConfig;
import io.tributary.sink.destination.DestinationProvider;
import io.tributary.sink.destination.DestinationWriter;
import io.tributary.sink.destination.sql.JdbcDestination;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigDef;

/** {@code destination=redshift}: COPY from the staged Avro object, then the merge rules in DELETE/INSERT form. */
public final class RedshiftDestinationProvider implements DestinationProvider {

    @Override
    public boolean appliesTruncates() {
        return true;
    }

    @Override
    public boolean deletesStaleRows() {
        return true;
    }

    @Override
    public String name() {
        return "redshift";
    }

    @Override
    public ConfigDef configDef() {
        return RedshiftSettings.configDef();
    }

    /** COPY reads the staged object from S3. */
    @Override
    public boolean readsStagedObject(WarehouseSinkConfig config) {
        return true;
    }

    @Override
    public DestinationWriter create(WarehouseSinkConfig config) {
        RedshiftDialect dialect = new RedshiftDialect(RedshiftDialect::driverConnect, RedshiftCopyLoader.from(config));
        return new JdbcDestination(dialect, config, JdbcDestination.credentials(config), new RedshiftApplySql());
    }

    @Override
    public Map<String, String> validate(WarehouseSinkConfig config, Map<String, String> props) {
        return validate(config, () -> {
            Properties properties = JdbcDestination.credentials(config);
            properties.setProperty("loginTimeout", "10");
            return PrivilegeProbe.jdbc(RedshiftDialect.driverConnect(config.warehouseUrl(), properties));
        });
    }

    /** The checks, with the probe made by {@code probes} (a fake in unit tests). */
    public static Map<String, String> validate(WarehouseSinkConfig config, PrivilegeProbe.Factory probes) {
        Map<String, String> errors = new LinkedHashMap<>();
        String url = config.warehouseUrl();
        if (url == null || !url.startsWith("jdbc:redshift:")) {
            errors.put(WAREHOUSE_URL, "destination redshift needs a URL like jdbc:redshift://cluster.abc.eu-west-1.redshift.amazonaws.com:5439/dev"
                    + " (or jdbc:redshift:iam://... for IAM authentication)");
            return errors;
        }
        boolean iamAuth = url.startsWith("jdbc:redshift:iam:");
        if (!iamAuth && (config.warehouseUser() == null || config.warehouseUser().isBlank())) {
            errors.put(WAREHOUSE_USER, "destination redshift needs warehouse.user (or a jdbc:redshift:iam:// URL)");
        }
        if (!iamAuth && config.warehousePassword() == null) {
            errors.put(WAREHOUSE_PASSWORD, "destination redshift needs warehouse.password (or a jdbc:redshift:iam:// URL)");
        }
        RedshiftSettings settings = RedshiftSettings.of(config);
        boolean role = settings.hasIamRole();
        boolean keys = config.stagingAccessKeyId() != null && config.stagingSecretAccessKey() != null;
        if (!role && !keys) {
            errors.put(IAM_ROLE, "COPY needs credentials for the staging bucket: set redshift.iam.role (a role attached to the"
                    + " cluster with s3:GetObject on the bucket) or staging.s3.access.key.id and staging.s3.secret.access.key");
        } else if (role && !settings.iamRole().startsWith("arn:aws")) {
            errors.put(IAM_ROLE, "redshift.iam.role must be a role ARN like arn:aws:iam::123456789012:role/tributary-copy");
        }
        if (config.stagingEndpoint() != null && !config.stagingEndpoint().isBlank()) {
            errors.put(STAGING_S3_ENDPOINT, "Redshift COPY reads from Amazon S3 only: leave staging.s3.endpoint empty");
        }
        if (!errors.isEmpty()) {
            return errors;
        }
        try (PrivilegeProbe probe = probes.open()) {
            String user = probe.user();
            String database = probe.database();
            String schema = config.warehouseSchema().toLowerCase(Locale.ROOT);
            if (!probe.hasDatabasePrivilege("TEMP")) {
                errors.put(WAREHOUSE_USER, "user " + user + " may not create temporary tables (staging) in database " + database
                        + ": GRANT TEMP ON DATABASE " + database + " TO " + user);
            }
            if (probe.schemaExists(schema)) {
                if (!probe.hasSchemaPrivilege(schema, "USAGE") || !probe.hasSchemaPrivilege(schema, "CREATE")) {
                    errors.put(WAREHOUSE_SCHEMA, "user " + user + " needs USAGE and CREATE on schema " + schema
                            + ": GRANT USAGE, CREATE ON SCHEMA " + schema + " TO " + user);
                }
            } else if (!probe.hasDatabasePrivilege("CREATE")) {
                errors.put(WAREHOUSE_SCHEMA, "schema " + schema + " does not exist and user " + user + " may not create it: create it,"
                        + " or GRANT CREATE ON DATABASE " + database + " TO " + user);
            }
        } catch (SQLException e) {
            errors.put(WAREHOUSE_URL, "cannot connect to Redshift: " + e.getMessage());
        }
        return errors;
    }
}
