package io.vigil.ingest.s3;

import java.util.regex.Pattern;

/**
 * What an object is, by CloudTrail's documented key layout
 * {@code [prefix/]AWSLogs/[o-org-id/]<account>/CloudTrail[-Digest|-Insight]/<region>/YYYY/MM/DD/<file>.json.gz}.
 */
public enum LogObjectKind {
    /** A log file with {@code Records[]} of CloudTrail events (management, data or Insights events). */
    LOG_FILE,
    /** A digest file for log file integrity validation; forwarded for audit, not split into events. */
    DIGEST_FILE,
    /** Anything else. */
    OTHER;

    private static final Pattern LOG = Pattern
            .compile("(^|/)AWSLogs/(o-[a-z0-9]+/)?\\d{12}/CloudTrail(-Insight)?/.+\\.json(\\.gz)?$");
    private static final Pattern DIGEST = Pattern
            .compile("(^|/)AWSLogs/(o-[a-z0-9]+/)?\\d{12}/CloudTrail-Digest/.+\\.json(\\.gz)?$");

    static LogObjectKind of(String key) {
        if (DIGEST.matcher(key).find()) {
            return DIGEST_FILE;
        }
        if (LOG.matcher(key).find()) {
            return LOG_FILE;
        }
        return OTHER;
    }
}
