package org.bittern.http;

/** A bencoded body for the client and the post-hook to run once it is written (may be null). */
record HttpAnswer(byte[] body, Runnable postHook) {
}
