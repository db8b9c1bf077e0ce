/** The Slack receiver: an incoming webhook given a Block Kit message. */
package io.vigil.notify.receiver.slack;
