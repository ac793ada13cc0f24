package io.tributary.sink.destination.snowflake;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;

/**
 * The keys of {@code destination=snowflake} (group "Snowflake") and their typed values.
 *
 * @param stage {@value #STAGE}, or null
 * @param privateKeyFile {@value #PRIVATE_KEY_FILE}, or null
 * @param privateKeyPassphrase {@value #PRIVATE_KEY_PASSPHRASE}, or null
 */
public record SnowflakeSettings(String stage, String privateKeyFile, Password privateKeyPassphrase) {

    public static final String STAGE = "snowflake.stage";
    public static final String PRIVATE_KEY_FILE = "snowflake.private.key.file";
    public static final String PRIVATE_KEY_PASSPHRASE = "snowflake.private.key.passphrase";
    static final String GROUP = "Snowflake";

    /** The fragment the provider contributes to the sink's configuration. */
    static ConfigDef configDef() {
        int order = 0;
        return new ConfigDef()
                .define(STAGE, ConfigDef.Type.STRING, null, Importance.HIGH,
                        "Fully qualified external stage over s3://<staging.s3.bucket>/<staging.s3.prefix>/ (created with a storage integration), "
                                + "e.g. ANALYTICS.PUBLIC.TRIBUTARY_STAGE. Empty: each batch file is PUT to the user stage (@~) and loaded from there.",
                        GROUP, ++order, Width.LONG, "External stage")
                .define(PRIVATE_KEY_FILE, ConfigDef.Type.STRING, null, Importance.HIGH,
                        "Path of the PKCS#8 private key (PEM) for key-pair authentication of warehouse.user. Empty: warehouse.password is used.",
                        GROUP, ++order, Width.LONG, "Private key file")
                .define(PRIVATE_KEY_PASSPHRASE, ConfigDef.Type.PASSWORD, null, Importance.MEDIUM,
                        "Passphrase of an encrypted private key file. Masked by the REST API and never logged.",
                        GROUP, ++order, Width.MEDIUM, "Private key passphrase");
    }

    /** The values of a configuration that holds this fragment. */
    public static SnowflakeSettings of(AbstractConfig config) {
        return new SnowflakeSettings(config.getString(STAGE), config.getString(PRIVATE_KEY_FILE), config.getPassword(PRIVATE_KEY_PASSPHRASE));
    }

    /** Whether batches are loaded from an external stage (else PUT to the user stage). */
    public boolean hasStage() {
        return stage != null && !stage.isBlank();
    }

    /** Whether warehouse.user authenticates with a key pair (else with warehouse.password). */
    public boolean keyPair() {
        return privateKeyFile != null && !privateKeyFile.isBlank();
    }
}
