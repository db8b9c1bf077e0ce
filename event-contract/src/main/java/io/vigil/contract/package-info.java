/**
 * The messages Vigil's services exchange over Kafka, the topic names, and their JSON form.
 *
 * <p>Every message is an immutable record with {@code schemaVersion}, a stable {@code id} and {@code producedAt}.
 * Within a {@code .v1} topic a message only ever gains optional fields; readers ignore fields they do not know
 * (see {@code docs/contracts.md}). Components are non-null unless their javadoc says "nullable".
 */
package io.vigil.contract;
