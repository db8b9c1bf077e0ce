/** Benchmarks of the notify-service: notifications per second from Kafka to a webhook, against a raw HTTP client. */
package io.vigil.bench.notify;
