package dev.gleaner.api.schema;

/** Schema {@code EventToken}: a short-lived token opening one knowledgebase's job events stream, and its expiry. */
public record EventToken(String token, String expiresAt) {}
