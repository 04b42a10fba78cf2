#ifndef LIPLINT_SHA256_BLOCKS_H
#define LIPLINT_SHA256_BLOCKS_H

#include <stddef.h>
#include <stdint.h>

/// The 64 SHA-256 round constants K (FIPS 180-4 §4.2.2), also read by ONNXModel's Swift fallback.
extern const uint32_t liplint_sha256_round_constants[64];

/// 1 when this processor has the x86 SHA extensions (and the SSSE3/SSE4.1 instructions the block function
/// also uses), so that `liplint_sha256_blocks` may be called; 0 otherwise, and always 0 on other architectures.
int liplint_sha256_accelerated(void);

/// Runs the SHA-256 compression function (FIPS 180-4 §6.2.2) over `blocks` consecutive 64-byte blocks at
/// `data` (any alignment), updating the eight working words `state` (H0…H7, native integers) in place.
/// Only call it when `liplint_sha256_accelerated()` returned 1; elsewhere it leaves `state` unchanged.
void liplint_sha256_blocks(uint32_t state[8], const void *data, size_t blocks);

#endif
