package io.healthstream.topology;

import io.healthstream.scoring.intake.AccountMemory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A task's most recently used accounts in their domain form, beside the {@code accounts} store, so an
 * event or re-evaluation of one of them skips decoding its stored bytes (Avro and {@link StateMapper}
 * were a third of the engine's CPU). The processor is the store's only writer and writes through here,
 * so an entry is always what the store holds; the store stays the truth and the cache starts empty
 * whenever the task (re)starts.
 */
final class AccountCache {
    private final Map<String, AccountMemory> recent;

    /** Keeps up to {@code capacity} accounts, dropping the least recently used; 0 keeps none. */
    AccountCache(int capacity) {
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, AccountMemory> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The account as last stored or read, or null when it is not cached. */
    AccountMemory get(String accountId) {
        return recent.get(accountId);
    }

    void put(String accountId, AccountMemory memory) {
        recent.put(accountId, memory);
    }

    void clear() {
        recent.clear();
    }
}
