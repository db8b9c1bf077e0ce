package io.vigil.audit.evidence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Answers the auditors' queries over the evidence store. Every value is a bound parameter. */
@ApplicationScoped
public class EvidenceRepository implements PanacheRepositoryBase<EvidenceRecord, Long> {

    /** @return the evidence of that kind and source id, if stored */
    public Optional<EvidenceRecord> findByKindAndId(EvidenceKind kind, String sourceId) {
        return find("kind = :kind and sourceId = :id", Parameters.with("kind", kind.wireName()).and("id", sourceId))
                .firstResultOptional();
    }

    /** @return the evidence of that kind with any of these source ids, oldest first */
    public List<EvidenceRecord> findByKindAndIds(EvidenceKind kind, Collection<String> sourceIds) {
        if (sourceIds.isEmpty()) {
            return List.of();
        }
        return find("kind = :kind and sourceId in :ids order by position",
                Parameters.with("kind", kind.wireName()).and("ids", sourceIds)).list();
    }

    /** @return evidence of that kind with that Kafka key, oldest first, at most {@code limit} */
    public List<EvidenceRecord> findByKindAndKey(EvidenceKind kind, String key, int limit) {
        return find("kind = :kind and messageKey = :key order by position",
                Parameters.with("kind", kind.wireName()).and("key", key)).page(0, limit).list();
    }

    /** @return the content hashes of the chain's links after {@code afterSeq} through {@code throughSeq}, in order */
    public List<String> contentHashes(String chain, long afterSeq, long throughSeq) {
        @SuppressWarnings("unchecked")
        List<Object> rows = getEntityManager().createNativeQuery("SELECT content_hash FROM evidence WHERE chain_id = "
                + ":chain AND seq > :after AND seq <= :through ORDER BY seq")
                .setParameter("chain", chain).setParameter("after", afterSeq).setParameter("through", throughSeq)
                .getResultList();
        return rows.stream().map(Object::toString).toList();
    }

    /** @return one page of evidence matching the query, newest first */
    public EvidencePage search(EvidenceQuery query) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        List<String> conditions = new ArrayList<>();
        condition(conditions, parameters, "kind = :kind", "kind",
                query.kind() == null ? null : query.kind().wireName());
        condition(conditions, parameters, "message_key = :key", "key", query.key());
        condition(conditions, parameters, "account = :account", "account", query.account());
        condition(conditions, parameters, "region = :region", "region", query.region());
        condition(conditions, parameters, "controls @> ARRAY[CAST(:control AS text)]", "control", query.control());
        condition(conditions, parameters, "rule = :rule", "rule", query.rule());
        condition(conditions, parameters, "actor = :actor", "actor", query.actor());
        condition(conditions, parameters, "event_name = :eventName", "eventName", query.eventName());
        condition(conditions, parameters, "recorded_at >= :since", "since", query.since());
        condition(conditions, parameters, "recorded_at < :until", "until", query.until());
        condition(conditions, parameters, "position < :after", "after", query.after());
        // Only fixed condition texts are joined; every value is bound.
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        Query sql = getEntityManager().createNativeQuery("SELECT * FROM evidence" + where
                + " ORDER BY position DESC LIMIT :limit", EvidenceRecord.class);
        parameters.forEach(sql::setParameter);
        sql.setParameter("limit", query.limit() + 1);
        @SuppressWarnings("unchecked")
        List<EvidenceRecord> rows = sql.getResultList();
        if (rows.size() <= query.limit()) {
            return new EvidencePage(rows, null);
        }
        List<EvidenceRecord> page = rows.subList(0, query.limit());
        return new EvidencePage(page, page.getLast().position());
    }

    private static void condition(List<String> conditions, Map<String, Object> parameters, String condition,
            String name, Object value) {
        if (value != null) {
            conditions.add(condition);
            parameters.put(name, value);
        }
    }
}
