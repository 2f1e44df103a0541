package glomers.harness.service;

/**
 * The two KV record types in Maelstrom's service.clj, which answer {@code cas} slightly differently.
 */
enum KvDialect {
    /** {@code PersistentKV}, behind lin-kv and seq-kv: honours create_if_not_exists, prints {@code from} quoted. */
    PERSISTENT_KV(true, true),
    /** {@code LWWKV}, behind lww-kv: ignores create_if_not_exists (answers 20), prints {@code from} with {@code str}. */
    LWW_KV(false, false);

    final boolean honoursCreateIfNotExists;
    final boolean quotesFromInCasError;

    KvDialect(boolean honoursCreateIfNotExists, boolean quotesFromInCasError) {
        this.honoursCreateIfNotExists = honoursCreateIfNotExists;
        this.quotesFromInCasError = quotesFromInCasError;
    }
}
