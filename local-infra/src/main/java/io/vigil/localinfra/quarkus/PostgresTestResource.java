package io.vigil.localinfra.quarkus;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vigil.localinfra.postgres.LocalPostgres;

/**
 * Points a {@code @QuarkusTest} at a database of the JVM's shared {@link LocalPostgres} server.
 *
 * <p>Init argument {@code database} (default {@value #DEFAULT_DATABASE}) names the database, created if missing:
 * {@code @WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database",
 * value = "audit"))}. Returns {@code quarkus.datasource.jdbc.url}, {@code quarkus.datasource.username} and
 * {@code quarkus.datasource.password}. {@link #stop()} leaves the server running; a JVM shutdown hook stops it.
 */
public final class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    /** Name of the init argument that selects the database. */
    public static final String DATABASE_ARG = "database";
    /** Database used when the init argument is absent. */
    public static final String DEFAULT_DATABASE = "vigil";

    private String database = DEFAULT_DATABASE;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault(DATABASE_ARG, DEFAULT_DATABASE);
    }

    @Override
    public Map<String, String> start() {
        LocalPostgres postgres = LocalPostgres.shared();
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.ensureDatabase(database),
                "quarkus.datasource.username", postgres.username(),
                "quarkus.datasource.password", postgres.password());
    }

    @Override
    public void stop() {
        // The shared server outlives this test class; the JVM shutdown hook stops it.
    }
}
