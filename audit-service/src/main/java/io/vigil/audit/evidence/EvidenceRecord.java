package io.vigil.audit.evidence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/**
 * One stored piece of evidence. Read-only: rows are appended by {@link EvidenceRepository#append} with SQL that
 * de-duplicates on (kind, id), and the table refuses updates and deletes.
 */
@Entity
@Immutable
@Table(name = "evidence")
public class EvidenceRecord {

    @Id
    @Column(name = "seq")
    private long seq;

    @Column(name = "kind")
    private String kind;

    @Column(name = "id")
    private String evidenceId;

    @Column(name = "message_key")
    private String messageKey;

    @Column(name = "topic")
    private String topic;

    @Column(name = "kafka_partition")
    private int kafkaPartition;

    @Column(name = "kafka_offset")
    private long kafkaOffset;

    @Column(name = "produced_at")
    private Instant producedAt;

    @Column(name = "recorded_at")
    private Instant recordedAt;

    /** The jsonb column, read as its text. */
    @Column(name = "payload")
    private String payload;

    protected EvidenceRecord() {
        // for Hibernate
    }

    /** @return the store's sequence number: ascending in insertion order, the paging cursor */
    public long seq() {
        return seq;
    }

    /** @return the kind's wire name, e.g. {@code alert} */
    public String kind() {
        return kind;
    }

    /** @return the message's id */
    public String evidenceId() {
        return evidenceId;
    }

    /** @return the Kafka record key; nullable */
    public String messageKey() {
        return messageKey;
    }

    /** @return the source topic */
    public String topic() {
        return topic;
    }

    /** @return the source partition */
    public int kafkaPartition() {
        return kafkaPartition;
    }

    /** @return the source offset */
    public long kafkaOffset() {
        return kafkaOffset;
    }

    /** @return the message's producedAt; nullable */
    public Instant producedAt() {
        return producedAt;
    }

    /** @return when the audit-service stored it */
    public Instant recordedAt() {
        return recordedAt;
    }

    /** @return the message as JSON text (as PostgreSQL renders the jsonb value) */
    public String payload() {
        return payload;
    }
}
