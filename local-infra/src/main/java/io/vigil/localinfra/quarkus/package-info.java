/**
 * Quarkus test resources that point a service at the JVM's shared local servers through config overrides.
 *
 * <p>Every {@code @QuarkusTest} class of a module declares the same set, so Quarkus boots once, e.g.
 * {@code @WithTestResource(KafkaTestResource.class)},
 * {@code @WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value =
 * "audit"))}.
 * The resources start the servers through {@code shared()} and never stop them; a JVM shutdown hook does. A test
 * reaches the same servers with {@code LocalKafka.shared()}, {@code LocalSqs.shared()}, {@code LocalFauxqs.shared()},
 * {@code LocalPostgres.shared()} or {@code LocalSmtp.shared()}: if the test class lives in another class loader than
 * the resource, those calls find the running server through its published system properties
 * ({@code vigil.localinfra.<server>.*}) instead of starting a second one (see {@link
 * io.vigil.localinfra.LocalServers}).
 */
package io.vigil.localinfra.quarkus;
