/** Reads CloudTrail log and digest files from S3 when an object-created notification names them. */
package io.vigil.ingest.s3;
