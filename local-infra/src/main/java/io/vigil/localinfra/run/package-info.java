/** Runs the whole of Vigil on this machine: the local servers plus the four services as separate processes. */
package io.vigil.localinfra.run;
