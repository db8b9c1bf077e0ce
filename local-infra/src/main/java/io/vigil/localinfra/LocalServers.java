package io.vigil.localinfra;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

/**
 * The JVM-wide bookkeeping behind every {@code shared()} server: one instance per JVM, even across class loaders.
 *
 * <p>Contract:
 * <ol>
 *   <li>Within one class loader, {@link #shared} returns the same object every time.</li>
 *   <li>Across class loaders, the first caller starts the server and publishes its coordinates as system properties
 *       {@code vigil.localinfra.<name>.<key>}; later callers in other class loaders find them and build a view of the
 *       same server from them (nothing is started twice). The marker {@code vigil.localinfra.<name>.started-by} is
 *       written last, so a reader never sees half a set.</li>
 *   <li>Start-up is serialized JVM-wide per server name by locking an interned string (string constants are one
 *       object per JVM, whichever class loader asks), so concurrent first calls start exactly one server.</li>
 *   <li>The server that was started is stopped by a JVM shutdown hook, which also removes the properties.</li>
 * </ol>
 * The per-class-loader cache is the one piece of static mutable state in this module; it exists because a test suite
 * needs exactly this: one server per JVM.
 */
public final class LocalServers {

    /** Prefix of every published system property. */
    public static final String PROPERTY_PREFIX = "vigil.localinfra.";

    private static final Logger LOGGER = Logger.getLogger(LocalServers.class);
    private static final String STARTED_BY = "started-by";
    private static final ConcurrentMap<String, Object> IN_THIS_CLASS_LOADER = new ConcurrentHashMap<>();

    private LocalServers() {
    }

    /**
     * Returns the JVM's shared server called {@code name}, starting it on first use.
     *
     * @param name short server name, e.g. {@code kafka}; also the property segment
     * @param type the server class
     * @param start starts a new server whose {@code close()} is a no-op (the shutdown hook calls {@code stop})
     * @param coordinates what to publish for the other class loaders (keys without prefix)
     * @param stop stops the started server at JVM exit
     * @param attach builds a view of a server another class loader started, from its published coordinates
     * @param <T> the server class
     * @return the shared server or a view of it; never {@code null}
     */
    public static <T> T shared(String name, Class<T> type, Supplier<T> start,
            Function<T, Map<String, String>> coordinates,
            Consumer<T> stop, Function<Map<String, String>, T> attach) {
        Object cached = IN_THIS_CLASS_LOADER.get(name);
        if (cached != null) {
            return type.cast(cached);
        }
        synchronized (jvmWideLock(name)) {
            cached = IN_THIS_CLASS_LOADER.get(name);
            if (cached != null) {
                return type.cast(cached);
            }
            Optional<Map<String, String>> published = published(name);
            T server;
            if (published.isPresent()) {
                LOGGER.infof("Reusing the shared %s server started by %s", name, published.get().get(STARTED_BY));
                server = attach.apply(published.get());
            } else {
                server = start.get();
                Thread hook = new Thread(() -> {
                    try {
                        stop.accept(server);
                    } finally {
                        unpublish(name);
                    }
                }, "vigil-localinfra-stop-" + name);
                Runtime.getRuntime().addShutdownHook(hook);
                publish(name, coordinates.apply(server));
            }
            IN_THIS_CLASS_LOADER.put(name, server);
            return server;
        }
    }

    /**
     * Registers a shutdown hook that stops a caller-owned server if the caller does not.
     *
     * @param name server name, for the thread name
     * @param stop the stop action; must be idempotent
     * @return the hook, to pass to {@link #cancelStopOnExit(Thread)} after a regular close
     */
    public static Thread stopOnExit(String name, Runnable stop) {
        Thread hook = new Thread(stop, "vigil-localinfra-stop-" + name);
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /**
     * Removes a hook registered by {@link #stopOnExit}; does nothing while the JVM is already shutting down.
     *
     * @param hook the hook to remove
     */
    public static void cancelStopOnExit(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            LOGGER.debugf("JVM is shutting down; hook %s stays", hook.getName());
        }
    }

    /**
     * Reads the coordinates published for a shared server, whichever class loader started it.
     *
     * @param name server name
     * @return the coordinates (keys without prefix), or empty if no shared server of that name runs in this JVM
     */
    public static Optional<Map<String, String>> published(String name) {
        String prefix = PROPERTY_PREFIX + name + ".";
        if (System.getProperty(prefix + STARTED_BY) == null) {
            return Optional.empty();
        }
        Map<String, String> values = new TreeMap<>();
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                values.put(key.substring(prefix.length()), System.getProperty(key));
            }
        }
        return Optional.of(Map.copyOf(values));
    }

    private static void publish(String name, Map<String, String> coordinates) {
        String prefix = PROPERTY_PREFIX + name + ".";
        coordinates.forEach((key, value) -> System.setProperty(prefix + key, value));
        System.setProperty(prefix + STARTED_BY, "pid " + ProcessHandle.current().pid() + ", class loader "
                + LocalServers.class.getClassLoader());
    }

    private static void unpublish(String name) {
        String prefix = PROPERTY_PREFIX + name + ".";
        System.clearProperty(prefix + STARTED_BY);
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                System.clearProperty(key);
            }
        }
    }

    private static Object jvmWideLock(String name) {
        return (PROPERTY_PREFIX + name + ".lock").intern();
    }
}
