package io.vigil.bench.notify;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What PostgreSQL did for one database during the timed phases: per statement (pg_stat_statements) its calls, rows,
 * execution time, buffer hits and WAL records, and per table (pg_stat_user_tables) the row versions written. Counts
 * of rows and calls are free of the machine's noise, unlike CPU time, so they show what a change of the storage
 * design changed. Counters are read before and after each timed phase and only the differences are summed, so work
 * between phases (warm-up, the baseline's rounds) is left out.
 *
 * <p>Needs the {@code pg_stat_statements} library preloaded in the server (the harness sets
 * {@code shared_preload_libraries} before it starts PostgreSQL when {@link #PROPERTY} is {@code true}).
 */
final class PostgresWork {

    /** System property that turns the statement accounting on. */
    static final String PROPERTY = "vigil.bench.notify.pg-statements";
    private static final int STATEMENTS_SHOWN = 14;
    private static final int QUERY_CHARS = 110;

    /** One statement's counters, or their difference over a phase. */
    record StatementCost(String query, long calls, long rows, double millis, long bufferHits, long walRecords) {

        StatementCost plus(StatementCost other) {
            return new StatementCost(query, calls + other.calls, rows + other.rows, millis + other.millis,
                    bufferHits + other.bufferHits, walRecords + other.walRecords);
        }

        StatementCost minus(StatementCost earlier) {
            return new StatementCost(query, calls - earlier.calls, rows - earlier.rows, millis - earlier.millis,
                    bufferHits - earlier.bufferHits, walRecords - earlier.walRecords);
        }
    }

    /** One table's row versions written: inserted, updated (of them HOT), deleted. */
    record TableWrites(long inserted, long updated, long hotUpdated, long deleted) {

        TableWrites plus(TableWrites other) {
            return new TableWrites(inserted + other.inserted, updated + other.updated,
                    hotUpdated + other.hotUpdated, deleted + other.deleted);
        }

        TableWrites minus(TableWrites earlier) {
            return new TableWrites(inserted - earlier.inserted, updated - earlier.updated,
                    hotUpdated - earlier.hotUpdated, deleted - earlier.deleted);
        }
    }

    /** Counters read at one moment. */
    record Snapshot(Map<Long, StatementCost> statements, Map<String, TableWrites> tables) {
    }

    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final Map<Long, StatementCost> statements = new HashMap<>();
    private final Map<String, TableWrites> tables = new TreeMap<>();

    private PostgresWork(String jdbcUrl, String username, String password) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
    }

    /** @return whether {@link #PROPERTY} asks for the accounting */
    static boolean requested() {
        return Boolean.getBoolean(PROPERTY);
    }

    /** Creates the extension in the database (the library must be preloaded). */
    static PostgresWork in(String jdbcUrl, String username, String password) throws SQLException {
        PostgresWork work = new PostgresWork(jdbcUrl, username, password);
        try (Connection connection = work.connect(); Statement sql = connection.createStatement()) {
            sql.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }
        return work;
    }

    /** @return the counters now */
    Snapshot snapshot() throws SQLException {
        Map<Long, StatementCost> statementsNow = new HashMap<>();
        Map<String, TableWrites> tablesNow = new HashMap<>();
        try (Connection connection = connect()) {
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT queryid, query, calls, rows, total_exec_time, shared_blks_hit, wal_records
                    FROM pg_stat_statements
                    WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                      AND queryid IS NOT NULL""");
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    statementsNow.merge(rows.getLong(1), new StatementCost(rows.getString(2), rows.getLong(3),
                            rows.getLong(4), rows.getDouble(5), rows.getLong(6), rows.getLong(7)),
                            StatementCost::plus);
                }
            }
            // each query runs in a transaction of its own, so it reads fresh counters; backends report table
            // counters within about a second of their commits, which moves a few rows between phases
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del FROM pg_stat_user_tables""");
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tablesNow.put(rows.getString(1), new TableWrites(rows.getLong(2), rows.getLong(3),
                            rows.getLong(4), rows.getLong(5)));
                }
            }
        }
        return new Snapshot(statementsNow, tablesNow);
    }

    /** Adds what happened between the two snapshots. */
    void add(Snapshot before, Snapshot after) {
        after.statements().forEach((id, cost) -> {
            StatementCost earlier = before.statements().get(id);
            statements.merge(id, earlier == null ? cost : cost.minus(earlier), StatementCost::plus);
        });
        after.tables().forEach((table, writes) -> {
            TableWrites earlier = before.tables().getOrDefault(table, new TableWrites(0, 0, 0, 0));
            tables.merge(table, writes.minus(earlier), TableWrites::plus);
        });
    }

    /** @return the costliest statements and the writes per table, per notification */
    String report(int notifications) {
        List<StatementCost> costs = new ArrayList<>(statements.values().stream().filter(c -> c.calls() > 0)
                .toList());
        costs.sort(Comparator.comparingDouble(StatementCost::millis).reversed());
        StringBuilder report = new StringBuilder();
        double millis = costs.stream().mapToDouble(StatementCost::millis).sum();
        long calls = costs.stream().mapToLong(StatementCost::calls).sum();
        report.append(String.format(Locale.ROOT, "%nPostgreSQL over the timed notify phases (%d notifications):"
                + " %d statements (%.2f per notification), %.0f ms executing (%.1f us per notification)%n",
                notifications, calls, (double) calls / notifications, millis, 1000 * millis / notifications));
        report.append("      calls       rows   total ms  us/notif  buf hits  WAL recs  statement\n");
        for (StatementCost cost : costs.subList(0, Math.min(STATEMENTS_SHOWN, costs.size()))) {
            report.append(String.format(Locale.ROOT, "  %9d  %9d  %9.1f  %8.1f  %8d  %8d  %s%n", cost.calls(),
                    cost.rows(), cost.millis(), 1000 * cost.millis() / notifications, cost.bufferHits(),
                    cost.walRecords(), oneLine(cost.query())));
        }
        report.append("  row versions written per notification: table inserted / updated (HOT) / deleted\n");
        tables.forEach((table, writes) -> {
            if (writes.inserted() + writes.updated() + writes.deleted() > 0) {
                report.append(String.format(Locale.ROOT, "    %-22s %.2f / %.2f (%.2f) / %.2f%n", table,
                        (double) writes.inserted() / notifications, (double) writes.updated() / notifications,
                        (double) writes.hotUpdated() / notifications, (double) writes.deleted() / notifications));
            }
        });
        return report.toString();
    }

    private static String oneLine(String query) {
        String line = query.replaceAll("\\s+", " ").strip();
        return line.length() <= QUERY_CHARS ? line : line.substring(0, QUERY_CHARS) + "...";
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, username, password);
    }
}
