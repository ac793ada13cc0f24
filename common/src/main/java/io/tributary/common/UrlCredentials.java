package io.tributary.common;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Finds credentials written into a JDBC URL. A URL is a plain STRING setting, shown unmasked by the
 * Connect REST API and in the worker's logs, so both connectors refuse URLs that hold a password, a
 * token, a key or a {@code user:password@} user-info: the secret belongs in the PASSWORD setting
 * next to the URL, ideally through a config provider. Messages name what was found, never its value.
 */
public final class UrlCredentials {

    /** Parameter names (lower case, without {@code _ - .}) that hold a secret when they contain one of these. */
    private static final List<String> SECRET_NAMES = List.of("password", "passwd", "pwd", "secret", "token", "passphrase",
            "privatekey", "accesskey", "apikey");
    /** {@code ?name=}, {@code &name=} or {@code ;name=}. */
    private static final Pattern PARAMETER = Pattern.compile("[?&;]\\s*([^=&;?#]+?)\\s*=");
    /** {@code //user:password@host}. */
    private static final Pattern USER_INFO = Pattern.compile("//([^/?;#@]*):[^/?;#@]*@");

    private UrlCredentials() {
    }

    /** @return what in {@code url} is a credential (e.g. "the parameter 'password'"), or empty when none */
    public static Optional<String> find(String url) {
        if (url == null) {
            return Optional.empty();
        }
        if (USER_INFO.matcher(url).find()) {
            return Optional.of("a user:password@ part");
        }
        Matcher parameter = PARAMETER.matcher(url);
        while (parameter.find()) {
            String name = decode(parameter.group(1));
            String normalized = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
            if (SECRET_NAMES.stream().anyMatch(normalized::contains)) {
                return Optional.of("the parameter '" + name + "'");
            }
        }
        return Optional.empty();
    }

    /**
     * A ConfigDef validator for a URL setting: fails (in {@code validate()} on the field, and when the
     * connector or a task starts) when the URL holds a credential.
     *
     * @param passwordKey the setting where the password belongs, named in the message
     */
    public static ConfigDef.Validator validator(String passwordKey) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                find(value == null ? null : value.toString()).ifPresent(found -> {
                    // ConfigException(name, value, message) would print the value: the secret
                    throw new ConfigException(name + " must not hold credentials, but has " + found + ": the REST API and the worker"
                            + " log show " + name + " unmasked. Put the password in " + passwordKey + " (a PASSWORD setting) and"
                            + " pass it through a config provider, e.g. ${file:/etc/kafka-connect/secrets/db.properties:password}");
                });
            }

            @Override
            public String toString() {
                return "a JDBC URL without credentials (no password/token/key parameters, no user:password@)";
            }
        };
    }

    private static String decode(String name) {
        try {
            return URLDecoder.decode(name.trim(), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return name.trim();
        }
    }
}
