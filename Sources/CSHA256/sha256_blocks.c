// SHA-256 block compression with the x86 SHA extensions (SHA-NI). The instructions keep the eight working
// words in two registers, {A,B,E,F} and {C,D,G,H} (A in the highest lane), and do two rounds per
// `sha256rnds2`; `sha256msg1`/`sha256msg2` extend the message schedule four words at a time. Only the
// functions carry the target attribute, so the file builds with the plain flags SwiftPM passes.
#include "sha256_blocks.h"

// The 64 round constants K (FIPS 180-4 §4.2.2); the SHA-NI code loads them four at a time.
const uint32_t liplint_sha256_round_constants[64] __attribute__((aligned(16))) = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

int liplint_sha256_accelerated(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    const unsigned int ssse3 = 1u << 9, sse41 = 1u << 19;
    if ((ecx & ssse3) == 0 || (ecx & sse41) == 0) return 0;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    const unsigned int sha = 1u << 29;
    return (ebx & sha) != 0;
}


__attribute__((target("sha,sse4.1")))
void liplint_sha256_blocks(uint32_t state[8], const void *data, size_t blocks) {
    // Lanes of {A,B,C,D} and {E,F,G,H} → ABEF = {F,E,B,A} and CDGH = {H,G,D,C} (lane 0 first).
    const __m128i abcd = _mm_loadu_si128((const __m128i *)&state[0]);
    const __m128i efgh = _mm_loadu_si128((const __m128i *)&state[4]);
    const __m128i badc = _mm_shuffle_epi32(abcd, 0xB1);
    const __m128i hgfe = _mm_shuffle_epi32(efgh, 0x1B);
    __m128i abef = _mm_alignr_epi8(badc, hgfe, 8);
    __m128i cdgh = _mm_blend_epi16(hgfe, badc, 0xF0);
    // Big-endian message words: reverse the bytes within each 32-bit lane.
    const __m128i big_endian = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);

    for (size_t block = 0; block < blocks; block++) {
        const uint8_t *p = (const uint8_t *)data + 64 * block;
        const __m128i abef_in = abef, cdgh_in = cdgh;
        // w[g % 4] holds message words 4g…4g+3 of the group being processed, a ring of the last 16 words.
        __m128i w[4];
        _Pragma("clang loop unroll(full)")
        for (int g = 0; g < 16; g++) {
            __m128i words;
            if (g < 4) {
                words = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * g)), big_endian);
            } else {
                // W[i..i+3] = σ1-part(msg2) of (W[i-16] + σ0(W[i-15]) (msg1) + W[i-7..i-4]) and W[i-4..i-1].
                const __m128i older = w[g % 4], old = w[(g + 1) % 4];
                const __m128i previous = w[(g + 2) % 4], last = w[(g + 3) % 4];
                __m128i t = _mm_sha256msg1_epu32(older, old);
                t = _mm_add_epi32(t, _mm_alignr_epi8(last, previous, 4));
                words = _mm_sha256msg2_epu32(t, last);
            }
            w[g % 4] = words;
            __m128i wk = _mm_add_epi32(words, _mm_load_si128((const __m128i *)&liplint_sha256_round_constants[4 * g]));
            // Two rounds on the low pair of W+K, then two on the high pair; the registers swap roles.
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);
            wk = _mm_shuffle_epi32(wk, 0x0E);
            abef = _mm_sha256rnds2_epu32(abef, cdgh, wk);
        }
        abef = _mm_add_epi32(abef, abef_in);
        cdgh = _mm_add_epi32(cdgh, cdgh_in);
    }

    // Back to {A,B,C,D} and {E,F,G,H}.
    const __m128i abef_ordered = _mm_shuffle_epi32(abef, 0x1B);
    const __m128i ghcd = _mm_shuffle_epi32(cdgh, 0xB1);
    _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(abef_ordered, ghcd, 0xF0));
    _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(ghcd, abef_ordered, 8));
}

#else

int liplint_sha256_accelerated(void) { return 0; }

void liplint_sha256_blocks(uint32_t state[8], const void *data, size_t blocks) {
    (void)state;
    (void)data;
    (void)blocks;
}

#endif
