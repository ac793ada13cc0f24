package io.tributary.sink.destination.redshift;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The keys of {@code destination=redshift} (group "Redshift") and their typed values.
 *
 * @param iamRole {@value #IAM_ROLE}, or null
 */
public record RedshiftSettings(String iamRole) {

    public static final String IAM_ROLE = "redshift.iam.role";
    static final String GROUP = "Redshift";

    /** The fragment the provider contributes to the sink's configuration. */
    static ConfigDef configDef() {
        return new ConfigDef().define(IAM_ROLE, ConfigDef.Type.STRING, null, Importance.HIGH,
                "ARN of an IAM role attached to the Redshift cluster (or workgroup) that may read the staging bucket; COPY uses it. "
                        + "Empty: COPY uses staging.s3.access.key.id and staging.s3.secret.access.key instead.",
                GROUP, 1, Width.LONG, "IAM role for COPY");
    }

    /** The values of a configuration that holds this fragment. */
    public static RedshiftSettings of(AbstractConfig config) {
        return new RedshiftSettings(config.getString(IAM_ROLE));
    }

    /** Whether COPY authenticates with the role (not with access keys). */
    public boolean hasIamRole() {
        return iamRole != null && !iamRole.isBlank();
    }
}
