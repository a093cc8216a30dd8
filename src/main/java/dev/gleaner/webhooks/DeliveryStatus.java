package dev.gleaner.webhooks;

import java.util.Locale;

/** {@code pending} (not yet tried, or to be tried again) → {@code delivered} | {@code failed} (attempts used up). */
public enum DeliveryStatus {
    PENDING,
    DELIVERED,
    FAILED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryStatus fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
