package io.vigil.audit.verifier;

/**
 * One link of an evidence hash chain: {@code hash = SHA-256(previousHash ‖ contentHash)}, over the 32 raw bytes of
 * each (not their hex text). The first link of a chain has {@code previousHash} {@link Sha256#ZERO}; link
 * {@code n + 1} has the {@code hash} of link {@code n}. A record's position is proven by this linkage; {@code seq} is
 * the store's index of it (1, 2, 3, ... per chain) and is not hashed.
 *
 * @param chain the chain id
 * @param seq the position in the chain, from 1
 * @param previousHash the previous link's hash (hex)
 * @param contentHash the hash of the evidence's canonical content document (hex)
 * @param hash this link's hash (hex)
 */
public record ChainLink(String chain, long seq, String previousHash, String contentHash, String hash) {

    /** @return the link that follows {@code previousHash} for content with that hash */
    public static ChainLink next(String chain, long seq, String previousHash, String contentHash) {
        return new ChainLink(chain, seq, previousHash, contentHash, linkHash(previousHash, contentHash));
    }

    /** @return {@code SHA-256(previousHash ‖ contentHash)} in hex */
    public static String linkHash(String previousHash, String contentHash) {
        return Sha256.ofPair(previousHash, contentHash);
    }
}
