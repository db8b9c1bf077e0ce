package io.vigil.audit.chain;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The daily partitions of the {@code evidence} table ({@code evidence_pYYYYMMDD}, UTC days). A partition is created,
 * in its own short transaction, before the first row of its day is appended, and the next day's too.
 */
@ApplicationScoped
public class EvidencePartitions {

    private static final Logger LOGGER = Logger.getLogger(EvidencePartitions.class);
    private static final String PREFIX = "evidence_p";
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final String LIST = """
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'evidence' ORDER BY c.relname
            """;

    /** The advisory lock key under which partitions are created (any constant; "evidenc" in ASCII). */
    private static final long CREATE_LOCK = 0x65766964656e63L;

    private final AgroalDataSource dataSource;
    private final Set<LocalDate> known = ConcurrentHashMap.newKeySet();

    EvidencePartitions(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Makes sure the partitions for the day of {@code at} and the day after exist. */
    public void ensure(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        if (known.contains(day) && known.contains(day.plusDays(1))) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> create(day));
        known.add(day);
        known.add(day.plusDays(1));
    }

    /** @return the days that have a partition, oldest first */
    public List<LocalDate> days() {
        List<LocalDate> days = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement list = connection.prepareStatement(LIST);
                ResultSet rows = list.executeQuery()) {
            while (rows.next()) {
                String name = rows.getString(1);
                if (name.startsWith(PREFIX)) {
                    days.add(LocalDate.parse(name.substring(PREFIX.length()), SUFFIX));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot list the evidence partitions: " + e.getMessage(), e);
        }
        return days;
    }

    /** Drops the partition of that day, in the caller's transaction. */
    public void drop(Connection connection, LocalDate day) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // The name is built from a LocalDate, never from input: identifiers cannot be bound parameters.
            statement.execute("DROP TABLE IF EXISTS " + name(day));
        }
        known.remove(day);
        LOGGER.infof("Dropped evidence partition: partition=%s", name(day));
    }

    /** @return the table name of the day's partition */
    public static String name(LocalDate day) {
        return PREFIX + SUFFIX.format(day);
    }

    /**
     * Creates the day's partition and the next day's. Concurrent {@code CREATE TABLE IF NOT EXISTS} of the same
     * partition can still fail with "already exists", so creators (in this process or another) take turns on a
     * transaction-scoped advisory lock.
     */
    private void create(LocalDate day) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + CREATE_LOCK + ")");
            for (LocalDate created : List.of(day, day.plusDays(1))) {
                statement.execute("CREATE TABLE IF NOT EXISTS " + name(created) + " PARTITION OF evidence FOR VALUES "
                        + "FROM ('" + created + "T00:00:00Z') TO ('" + created.plusDays(1) + "T00:00:00Z')");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create evidence partitions from " + name(day) + ": "
                    + e.getMessage(), e);
        }
    }
}
