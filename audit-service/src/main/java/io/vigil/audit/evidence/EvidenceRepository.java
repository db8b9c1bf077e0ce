package io.vigil.audit.evidence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;

/** Appends evidence idempotently and answers the auditors' queries. */
@ApplicationScoped
public class EvidenceRepository implements PanacheRepositoryBase<EvidenceRecord, Long> {

    private static final String APPEND = """
            INSERT INTO evidence (kind, id, message_key, topic, kafka_partition, kafka_offset, produced_at,
                                  recorded_at, payload)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))
            ON CONFLICT (kind, id) DO NOTHING
            """;

    /**
     * Appends one record in the caller's transaction, unless evidence of that kind and id is already stored.
     *
     * @return true when a row was inserted, false when it was a duplicate
     */
    boolean append(NewEvidence evidence) {
        return getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(APPEND)) {
                insert.setString(1, evidence.kind().wireName());
                insert.setString(2, evidence.id());
                insert.setString(3, evidence.key());
                insert.setString(4, evidence.topic());
                insert.setInt(5, evidence.partition());
                insert.setLong(6, evidence.offset());
                if (evidence.producedAt() == null) {
                    insert.setNull(7, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    insert.setTimestamp(7, Timestamp.from(evidence.producedAt()));
                }
                insert.setTimestamp(8, Timestamp.from(evidence.recordedAt()));
                insert.setString(9, evidence.payloadJson());
                return insert.executeUpdate() == 1;
            }
        });
    }

    /** @return the evidence of that kind and id, if stored */
    public Optional<EvidenceRecord> findByKindAndId(EvidenceKind kind, String id) {
        return find("kind = :kind and evidenceId = :id", Parameters.with("kind", kind.wireName()).and("id", id))
                .firstResultOptional();
    }

    /** @return one page of evidence matching the query, newest first */
    public EvidencePage search(EvidenceQuery query) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (query.kind() != null) {
            conditions.add("kind = :kind");
            parameters.and("kind", query.kind().wireName());
        }
        if (query.key() != null) {
            conditions.add("messageKey = :key");
            parameters.and("key", query.key());
        }
        if (query.since() != null) {
            conditions.add("recordedAt >= :since");
            parameters.and("since", query.since());
        }
        if (query.until() != null) {
            conditions.add("recordedAt < :until");
            parameters.and("until", query.until());
        }
        if (query.after() != null) {
            conditions.add("seq < :after");
            parameters.and("after", query.after());
        }
        String where = conditions.isEmpty() ? "" : "where " + String.join(" and ", conditions) + " ";
        List<EvidenceRecord> rows = find("from EvidenceRecord " + where + "order by seq desc", parameters)
                .page(Page.ofSize(query.limit() + 1))
                .list();
        if (rows.size() <= query.limit()) {
            return new EvidencePage(rows, null);
        }
        List<EvidenceRecord> page = rows.subList(0, query.limit());
        return new EvidencePage(page, page.getLast().seq());
    }
}
