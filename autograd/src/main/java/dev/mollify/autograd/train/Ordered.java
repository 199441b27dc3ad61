package dev.mollify.autograd.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Read-only copies of maps that keep their iteration order (Map.copyOf does not). */
final class Ordered {
    private Ordered() {}

    static <K, V> Map<K, V> copy(Map<K, V> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
