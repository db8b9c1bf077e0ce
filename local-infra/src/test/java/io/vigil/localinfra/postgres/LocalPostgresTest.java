package io.vigil.localinfra.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LocalPostgresTest {

    @Test
    void sharedReturnsTheSameRunningServerTwiceAndPublishesItsPort() {
        // Given
        LocalPostgres first = LocalPostgres.shared();

        // When
        LocalPostgres second = LocalPostgres.shared();

        // Then
        assertThat(second).isSameAs(first);
        assertThat(first.jdbcUrl("vigil")).isEqualTo("jdbc:postgresql://127.0.0.1:" + first.port() + "/vigil");
        assertThat(System.getProperty("vigil.localinfra.postgres.port")).isEqualTo(Integer.toString(first.port()));
    }

    @Test
    void ensureDatabaseIsIdempotentAndTheDatabaseRunsSql() throws SQLException {
        // Given
        LocalPostgres postgres = LocalPostgres.shared();
        String database = "local_infra_" + Long.toHexString(System.nanoTime());
        String created = postgres.ensureDatabase(database);

        // When
        String again = postgres.ensureDatabase(database);

        // Then
        assertThat(again).isEqualTo(created).isEqualTo(postgres.jdbcUrl(database));
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(again, postgres.username(), postgres.password());
                Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE alert (id TEXT PRIMARY KEY, severity TEXT NOT NULL)");
            sql.execute("INSERT INTO alert VALUES ('a-1', 'HIGH'), ('a-2', 'LOW')");
            try (ResultSet result = sql
                    .executeQuery("SELECT current_database(), id, severity FROM alert ORDER BY id")) {
                while (result.next()) {
                    rows.add(result.getString(1) + "/" + result.getString(2) + "/" + result.getString(3));
                }
            }
        }
        assertThat(rows).containsExactly(database + "/a-1/HIGH", database + "/a-2/LOW");
    }

    @Test
    void serverSettingsComeFromSystemProperties() throws SQLException {
        // Given
        String property = LocalPostgres.SERVER_CONFIG_PREFIX + "work_mem";
        System.setProperty(property, "12345kB");
        try (LocalPostgres postgres = LocalPostgres.start();
                Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"),
                        postgres.username(), postgres.password());
                Statement sql = connection.createStatement();

                // When
                ResultSet result = sql.executeQuery("SHOW work_mem")) {

            // Then
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).isEqualTo("12345kB");
        } finally {
            System.clearProperty(property);
        }
    }
}
