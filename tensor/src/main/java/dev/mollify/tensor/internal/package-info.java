/**
 * Internal, not API: what other Mollify modules need from the tensor package that users must not rely
 * on ({@link dev.mollify.tensor.internal.RawStorage}: no-copy access to tensor storage). It may change
 * in any release.
 */
package dev.mollify.tensor.internal;
