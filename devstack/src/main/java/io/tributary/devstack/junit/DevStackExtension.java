package io.tributary.devstack.junit;

import io.tributary.devstack.DuckDbWarehouse;
import io.tributary.devstack.KafkaConnectCluster;
import io.tributary.devstack.MariaDbServer;
import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.S3Server;
import io.tributary.devstack.TempDirs;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Injects devstack parts ({@link S3Server}, {@link PostgresServer}, {@link MariaDbServer},
 * {@link DuckDbWarehouse}, {@link KafkaConnectCluster}) into constructors, test methods and lifecycle methods.
 *
 * <p>A part starts the first time a parameter of its type is resolved and is then shared by all
 * tests of the JUnit run in this JVM: it lives in the root context's store and is closed when that
 * store closes, after the last test. The shared PostgreSQL has logical replication on (log mode,
 * Debezium): a test that creates a slot drops it. Tests that need a part of their own (other settings,
 * a clean state) start one themselves. The shared
 * {@link DuckDbWarehouse} lives in a temporary folder deleted at the end of the run.
 *
 * <p>To offer another part, add its type and starter to {@link #STARTERS}.
 */
public final class DevStackExtension implements ParameterResolver {

    private static final Logger LOG = LoggerFactory.getLogger(DevStackExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(DevStackExtension.class);

    /** Part type to the code that starts it. Each starter returns the part and its clean-up. */
    private static final Map<Class<?>, Supplier<Shared>> STARTERS = Map.of(
            S3Server.class, () -> new Shared(S3Server.start()),
            PostgresServer.class, () -> new Shared(PostgresServer.startWithLogicalReplication()),
            MariaDbServer.class, () -> new Shared(MariaDbServer.start()),
            DuckDbWarehouse.class, DevStackExtension::temporaryWarehouse,
            KafkaConnectCluster.class, DevStackExtension::connectCluster);

    /** Creates the extension; JUnit does this through {@link DevStackTest}. */
    public DevStackExtension() {
    }

    /**
     * @return whether the parameter's type is one of the part types
     */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return STARTERS.containsKey(parameterContext.getParameter().getType());
    }

    /**
     * @return the shared part of the parameter's type, started now if this is the first request
     */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        Shared shared = extensionContext.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(type, DevStackExtension::start, Shared.class);
        return type.cast(shared.part);
    }

    private static Shared start(Class<?> type) {
        long started = System.nanoTime();
        Shared shared = STARTERS.get(type).get();
        LOG.info("Started shared {} in {} ms", type.getSimpleName(), (System.nanoTime() - started) / 1_000_000);
        return shared;
    }

    /**
     * The shared Kafka cluster: {@code tributary.devstack.connect.workers} workers (default 3) loading
     * plugins from {@code tributary.plugin.path} (comma-separated folders, set by the module's build);
     * {@code tributary.devstack.keep=true} keeps its logs after the run.
     */
    private static Shared connectCluster() {
        String pluginPath = System.getProperty("tributary.plugin.path", "");
        List<Path> folders = Arrays.stream(pluginPath.split(",")).map(String::trim).filter(p -> !p.isEmpty())
                .map(Path::of).toList();
        return new Shared(KafkaConnectCluster.start(KafkaConnectCluster.options()
                .workers(Integer.getInteger("tributary.devstack.connect.workers", 3))
                .workerHeap(System.getProperty("tributary.devstack.connect.heap", "768m"))
                .pluginPath(folders)
                .keepWorkDir(Boolean.getBoolean("tributary.devstack.keep"))));
    }

    private static Shared temporaryWarehouse() {
        Path directory = TempDirs.create("tributary-duckdb-");
        return new Shared(DuckDbWarehouse.create(directory), () -> TempDirs.delete(directory));
    }

    /**
     * A started part as kept in the root store. JUnit closes {@link AutoCloseable} store values
     * when the store closes; this closes the part, then runs the extra clean-up.
     */
    private static final class Shared implements AutoCloseable {
        private final AutoCloseable part;
        private final Runnable afterClose;

        Shared(AutoCloseable part) {
            this(part, () -> { });
        }

        Shared(AutoCloseable part, Runnable afterClose) {
            this.part = part;
            this.afterClose = afterClose;
        }

        @Override
        public void close() {
            try {
                part.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("Could not stop " + part.getClass().getSimpleName(), e);
            } finally {
                afterClose.run();
            }
        }
    }
}
