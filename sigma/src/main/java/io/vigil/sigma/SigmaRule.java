package io.vigil.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A loaded Sigma rule for CloudTrail records: its metadata, its compiled detection and its event-ruler prefilter.
 * Immutable and thread-safe: {@link #matches(JsonNode)} may be called from any number of threads. Obtain one from
 * {@link SigmaRuleLoader#load(String)}.
 */
public final class SigmaRule {

    private final String title;
    private final String id;
    private final String status;
    private final SigmaLevel level;
    private final String description;
    private final SigmaLogsource logsource;
    private final List<String> tags;
    private final List<String> falsePositives;
    private final List<String> references;
    private final String author;
    private final String date;
    private final String modified;
    private final String license;
    private final String source;
    private final RecordTest detection;
    private final EventRulerPrefilter prefilter;

    SigmaRule(Metadata metadata, String source, RecordTest detection, EventRulerPrefilter prefilter) {
        this.title = metadata.title();
        this.id = metadata.id();
        this.status = metadata.status();
        this.level = metadata.level();
        this.description = metadata.description();
        this.logsource = metadata.logsource();
        this.tags = metadata.tags();
        this.falsePositives = metadata.falsePositives();
        this.references = metadata.references();
        this.author = metadata.author();
        this.date = metadata.date();
        this.modified = metadata.modified();
        this.license = metadata.license();
        this.source = Objects.requireNonNull(source);
        this.detection = Objects.requireNonNull(detection);
        this.prefilter = Objects.requireNonNull(prefilter);
    }

    /** The metadata fields read from the YAML, grouped so the constructor stays readable. */
    record Metadata(String title, String id, String status, SigmaLevel level, String description,
            SigmaLogsource logsource, List<String> tags, List<String> falsePositives, List<String> references,
            String author, String date, String modified, String license) {
    }

    /**
     * True if the rule's detection matches the CloudTrail record (the record itself: an EventBridge event's
     * {@code detail}, or one element of a CloudTrail log file's {@code Records}). Never throws for any JSON input.
     */
    public boolean matches(JsonNode record) {
        return record != null && record.isObject() && detection.test(record);
    }

    /** The event-ruler prefilter of this rule; see {@link EventRulerPrefilter} for its guarantees. */
    public EventRulerPrefilter prefilter() {
        return prefilter;
    }

    /** The rule's {@code title} (required). */
    public String title() {
        return title;
    }

    /** The rule's {@code id} (a UUID in SigmaHQ rules), if it has one. */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /** {@code status}: stable, test, experimental, deprecated or unsupported, if given. */
    public Optional<String> status() {
        return Optional.ofNullable(status);
    }

    /** {@code level}, if given. */
    public Optional<SigmaLevel> level() {
        return Optional.ofNullable(level);
    }

    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    public SigmaLogsource logsource() {
        return logsource;
    }

    /** {@code tags}, e.g. {@code attack.t1562.008}; empty if none. */
    public List<String> tags() {
        return tags;
    }

    /** {@code falsepositives}; empty if none. */
    public List<String> falsePositives() {
        return falsePositives;
    }

    /** {@code references}; empty if none. */
    public List<String> references() {
        return references;
    }

    /** {@code author}: kept because the Detection Rule License requires attribution. */
    public Optional<String> author() {
        return Optional.ofNullable(author);
    }

    /** {@code date} as written, e.g. {@code 2020-01-21}. */
    public Optional<String> date() {
        return Optional.ofNullable(date);
    }

    /** {@code modified} as written. */
    public Optional<String> modified() {
        return Optional.ofNullable(modified);
    }

    /** {@code license}, if the rule names one. */
    public Optional<String> license() {
        return Optional.ofNullable(license);
    }

    /** The YAML text the rule was loaded from, unchanged. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "SigmaRule[" + title + (id == null ? "" : ", " + id) + "]";
    }
}
