package io.tributary.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finds TCP ports that are free on the loopback interface. */
public final class FreePorts {

    private FreePorts() {
    }

    /**
     * Returns a port that was free on 127.0.0.1 a moment ago: binds port 0, reads the port the
     * system chose, and closes the socket. Another process may still take it before the caller does.
     *
     * @return a free port number
     * @throws UncheckedIOException if no socket can be bound
     */
    public static int next() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port on 127.0.0.1", e);
        }
    }

    /**
     * Returns {@code preferred} when it is free on 127.0.0.1 (e.g. 8083 for a Connect worker, as users
     * expect), otherwise any free port. Zero or less means no preference.
     *
     * @param preferred the wanted port, or 0
     * @return a port that was free a moment ago
     */
    public static int preferred(int preferred) {
        if (preferred > 0 && isFree(preferred)) {
            return preferred;
        }
        return next();
    }

    /**
     * @param port a TCP port
     * @return whether nothing listens on it on 127.0.0.1 (a bind succeeds)
     */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
