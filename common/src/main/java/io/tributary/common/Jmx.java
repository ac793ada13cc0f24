package io.tributary.common;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the connectors' MBeans on the platform server. Metrics are never worth failing a task
 * for: a name that cannot be registered is logged once and the task goes on without it.
 */
public final class Jmx {

    private static final Logger LOG = LoggerFactory.getLogger(Jmx.class);

    private Jmx() {
    }

    /** The MBean name {@code io.tributary:type=<type>,connector=<connector, quoted>}. */
    public static ObjectName name(String type, String connector) {
        try {
            return new ObjectName("io.tributary:type=" + type + ",connector=" + ObjectName.quote(connector));
        } catch (JMException e) {
            throw new IllegalArgumentException("bad metric name for " + connector, e);
        }
    }

    /** Registers {@code mbean} as {@code name}, replacing an MBean left there by an earlier task of the same name. */
    public static void register(Object mbean, ObjectName name) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(mbean, name);
        } catch (JMException e) {
            LOG.warn("could not register metrics {}: {}", name, e.getMessage());
        }
    }

    /** Unregisters {@code name} if it is registered. */
    public static void unregister(ObjectName name) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (JMException e) {
            LOG.debug("could not unregister {}", name, e);
        }
    }
}
