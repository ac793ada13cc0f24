package io.tributary.devstack.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that takes devstack parts as parameters of its constructor, test methods and
 * lifecycle methods, e.g. {@code void roundTrip(S3Server s3, PostgresServer postgres)}.
 *
 * <p>Each part type starts on first request and is shared by every test class of the JUnit run;
 * see {@link DevStackExtension} for the types offered.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(DevStackExtension.class)
public @interface DevStackTest {
}
