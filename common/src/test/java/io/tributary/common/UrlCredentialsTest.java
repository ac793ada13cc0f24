package io.tributary.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class UrlCredentialsTest {

    @Test
    void credentialsInParametersOrUserInfoAreFound() {
        List<String> secret = List.of("jdbc:postgresql://h:5432/db?user=u&password=x", "jdbc:postgresql://h/db?PASSWORD=x",
                "jdbc:postgresql://h/db?sslpassword=x", "jdbc:mariadb://h/db?user=u&pwd=x", "jdbc:redshift://h:5439/dev;UID=u;PWD=x",
                "jdbc:redshift:iam://c:eu-west-1/dev?AccessKeyID=A&SecretAccessKey=x", "jdbc:redshift:iam://c/dev?SessionToken=x",
                "jdbc:snowflake://a.snowflakecomputing.com/?db=D&private_key_file_pwd=x", "jdbc:snowflake://a/?private_key_file=/k.p8",
                "jdbc:duckdb:md:db?motherduck_token=x", "jdbc:mariadb://h/db?trustStorePassword=x", "jdbc:x://h/db?api-key=x",
                "jdbc:x://h/db?pass%77ord=x", "jdbc:mariadb://u:x@h:3306/db", "jdbc:postgresql://u:@h/db");
        for (String url : secret) {
            assertTrue(UrlCredentials.find(url).isPresent(), url);
        }
        assertEquals(Optional.of("the parameter 'password'"), UrlCredentials.find("jdbc:postgresql://h/db?user=u&password=x"));
        assertEquals(Optional.of("a user:password@ part"), UrlCredentials.find("jdbc:mariadb://u:x@h:3306/db"));
    }

    @Test
    void ordinaryUrlsPass() {
        List<String> clean = List.of("jdbc:postgresql://h:5432/db", "jdbc:postgresql://h/db?user=u&sslmode=require&ApplicationName=t",
                "jdbc:mariadb://h:3306/db?permitMysqlScheme&useSSL=true", "jdbc:duckdb:/data/w.duckdb", "jdbc:duckdb:/d/w.duckdb?access_mode=READ_WRITE",
                "jdbc:snowflake://acme.snowflakecomputing.com/?db=ANALYTICS&warehouse=LOADING&role=TRIBUTARY",
                "jdbc:redshift://c.abc.eu-west-1.redshift.amazonaws.com:5439/dev", "jdbc:redshift:iam://c:eu-west-1/dev?DbUser=loader",
                "jdbc:postgresql://user@h/db", "jdbc:postgresql://h/db?sslkey=/etc/key.pk8");
        for (String url : clean) {
            assertEquals(Optional.empty(), UrlCredentials.find(url), url);
        }
    }

    @Test
    void theValidatorNamesTheSettingsButNeverTheValue() {
        ConfigException e = assertThrows(ConfigException.class, () -> UrlCredentials.validator("warehouse.password")
                .ensureValid("warehouse.url", "jdbc:postgresql://h/db?password=hunter2"));
        assertTrue(e.getMessage().contains("warehouse.url") && e.getMessage().contains("warehouse.password"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        UrlCredentials.validator("warehouse.password").ensureValid("warehouse.url", null);
    }
}
