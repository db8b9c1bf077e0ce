/** The Microsoft Teams receiver: a workflow webhook given an Adaptive Card. */
package io.vigil.notify.receiver.teams;
