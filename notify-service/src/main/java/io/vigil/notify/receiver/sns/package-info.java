/** The Amazon SNS receiver: publishes the notification as JSON with attributes for subscription filter policies. */
package io.vigil.notify.receiver.sns;
