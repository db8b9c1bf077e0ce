package io.vigil.audit.evidence;

import io.vigil.audit.verifier.ChainLink;
import io.vigil.audit.verifier.ChainedEvidence;
import io.vigil.audit.verifier.EvidenceContent;
import io.vigil.audit.verifier.CanonicalJson;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One stored piece of evidence and its chain link. Read-only: rows are appended by the chain appender with SQL, and
 * the table refuses updates and deletes.
 */
@Entity
@Immutable
@Table(name = "evidence")
public class EvidenceRecord {

    @Id
    @Column(name = "position")
    private long position;

    @Column(name = "chain_id")
    private String chain;

    @Column(name = "seq")
    private long seq;

    @Column(name = "kind")
    private String kind;

    @Column(name = "source_id")
    private String sourceId;

    @Column(name = "occurred_at")
    private Instant occurredAt;

    @Column(name = "recorded_at")
    private Instant recordedAt;

    @Column(name = "account")
    private String account;

    @Column(name = "region")
    private String region;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "controls")
    private String[] controls;

    @Column(name = "rule")
    private String rule;

    @Column(name = "actor")
    private String actor;

    @Column(name = "event_name")
    private String eventName;

    @Column(name = "message_key")
    private String messageKey;

    @Column(name = "kafka_offset")
    private Long kafkaOffset;

    /** The jsonb column, read as its text. */
    @Column(name = "payload")
    private String payload;

    @Column(name = "previous_hash")
    private String previousHash;

    @Column(name = "content_hash")
    private String contentHash;

    @Column(name = "hash")
    private String hash;

    protected EvidenceRecord() {
        // for Hibernate
    }

    /** @return the global insertion order; the paging cursor */
    public long position() {
        return position;
    }

    /** @return the chain id */
    public String chain() {
        return chain;
    }

    /** @return the position in the chain */
    public long seq() {
        return seq;
    }

    /** @return the kind's wire name */
    public String kind() {
        return kind;
    }

    /** @return the message's (or access's) id */
    public String sourceId() {
        return sourceId;
    }

    /** @return when it happened; nullable */
    public Instant occurredAt() {
        return occurredAt;
    }

    /** @return when it was recorded */
    public Instant recordedAt() {
        return recordedAt;
    }

    /** @return the AWS account; nullable */
    public String account() {
        return account;
    }

    /** @return the AWS region; nullable */
    public String region() {
        return region;
    }

    /** @return the controls */
    public List<String> controls() {
        return controls == null ? List.of() : Arrays.asList(controls);
    }

    /** @return the rule id; nullable */
    public String rule() {
        return rule;
    }

    /** @return who acted; nullable */
    public String actor() {
        return actor;
    }

    /** @return the API operation; nullable */
    public String eventName() {
        return eventName;
    }

    /** @return the Kafka record key; nullable */
    public String messageKey() {
        return messageKey;
    }

    /** @return the Kafka offset; nullable */
    public Long kafkaOffset() {
        return kafkaOffset;
    }

    /** @return the payload as JSON text (as PostgreSQL renders the jsonb value) */
    public String payload() {
        return payload;
    }

    /** @return the stored chain link */
    public ChainLink link() {
        return new ChainLink(chain, seq, previousHash, contentHash, hash);
    }

    /** @return the record as verification reads it */
    public ChainedEvidence toChained() {
        return new ChainedEvidence(link(), new EvidenceContent(chain, kind, sourceId, occurredAt, recordedAt, account,
                region, controls(), rule, actor, eventName, messageKey, kafkaOffset, CanonicalJson.parse(payload)));
    }
}
