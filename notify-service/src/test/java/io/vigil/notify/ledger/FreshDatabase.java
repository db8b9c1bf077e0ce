package io.vigil.notify.ledger;

import io.vigil.localinfra.postgres.LocalPostgres;
import io.vigil.notify.store.Database;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database of a test's own on the shared local PostgreSQL, migrated by the service's Flyway scripts: no running
 * service writes to it or empties its queues while the test reads them.
 *
 * @param dataSource connections to it, for transactions a test holds open itself
 * @param database the same, as the service's repositories use it
 */
record FreshDatabase(PGSimpleDataSource dataSource, Database database) {

    static FreshDatabase migrated(String namePrefix) {
        LocalPostgres postgres = LocalPostgres.shared();
        String url = postgres.ensureDatabase(namePrefix + System.nanoTime());
        Flyway.configure().dataSource(url, postgres.username(), postgres.password())
                .locations("classpath:db/migration").load().migrate();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        dataSource.setUser(postgres.username());
        dataSource.setPassword(postgres.password());
        return new FreshDatabase(dataSource, new Database(dataSource));
    }
}
