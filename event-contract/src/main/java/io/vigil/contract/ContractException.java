package io.vigil.contract;

/** A message does not match its contract: malformed JSON, a missing required field, or a wrong type. */
public class ContractException extends RuntimeException {

    public ContractException(String message, Throwable cause) {
        super(message, cause);
    }
}
