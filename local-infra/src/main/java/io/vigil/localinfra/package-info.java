/**
 * Real Kafka, PostgreSQL, SQS, SNS/SQS/S3 and SMTP servers on 127.0.0.1 for tests and the local run, without Docker.
 *
 * <p>One package per server: {@code kafka.LocalKafka}, {@code postgres.LocalPostgres}, {@code sqs.LocalSqs},
 * {@code fauxqs.LocalFauxqs}, {@code smtp.LocalSmtp}; {@code quarkus} holds the Quarkus test resources that point a
 * service at them. Each server class offers:
 * <ul>
 *   <li>{@code start()}: a new server owned by the caller, stopped by {@code close()} (and on JVM exit if the caller
 *       forgets);</li>
 *   <li>{@code shared()}: one server per JVM, started on first use, stopped only by a JVM shutdown hook; its
 *       {@code close()} does nothing, so tests can use try-with-resources without stopping it for the others.</li>
 * </ul>
 *
 * <h2>Class loaders</h2>
 * A {@code @QuarkusTest} may load this module twice: once in the class loader that runs the test resource and once
 * in the one that runs the test class (and again after each Quarkus restart). Static state is per class loader, so
 * {@link io.vigil.localinfra.LocalServers} publishes the coordinates of every shared server as JVM-wide system
 * properties ({@code vigil.localinfra.<server>.<key>}, see each server's javadoc) under a JVM-wide lock. A
 * {@code shared()} call in a second class loader finds them and returns a client-side view of the running server
 * instead of starting another one. Everything those views offer goes over the network, except GreenMail's received
 * messages, which {@code LocalSmtp} reads through a platform MXBean.
 */
package io.vigil.localinfra;
