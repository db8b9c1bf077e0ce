/**
 * The fauxqs SNS/SQS/S3 emulator, installed with npm on demand and run as a child process.
 */
package io.vigil.localinfra.fauxqs;
