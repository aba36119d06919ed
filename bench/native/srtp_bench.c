/*
 * libsrtp2 side of the SRTP benchmark: one operation = copy a plain RTP packet into the buffer,
 * srtp_protect, srtp_unprotect; the same work as Conclave.Benchmarks.Srtp.SrtpBenchmarks.
 * Usage: srtp_bench [seconds]   times each case for about that long (default 2) and prints
 * "profile payload packets_per_second" per line.
 */
#include <srtp2/srtp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct profile {
    const char *name;
    void (*rtp)(srtp_crypto_policy_t *);
    void (*rtcp)(srtp_crypto_policy_t *);
    int key_len;
};

static void set_cm_80(srtp_crypto_policy_t *p) { srtp_crypto_policy_set_rtp_default(p); }

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static srtp_t make_session(const struct profile *pr, unsigned char *key, int outbound)
{
    srtp_policy_t policy;
    memset(&policy, 0, sizeof policy);
    pr->rtp(&policy.rtp);
    pr->rtcp(&policy.rtcp);
    policy.ssrc.type = outbound ? ssrc_any_outbound : ssrc_any_inbound;
    policy.key = key;
    /* The replay window Conclave's SrtpContext keeps by default (SrtpContextOptions.DefaultReplayWindowSize). */
    policy.window_size = 1024;
    srtp_t session;
    if (srtp_create(&session, &policy) != srtp_err_status_ok) {
        fprintf(stderr, "srtp_create failed for %s\n", pr->name);
        exit(1);
    }
    return session;
}

int main(int argc, char **argv)
{
    double seconds = argc > 1 ? atof(argv[1]) : 2.0;
    const struct profile profiles[] = {
        {"AeadAes256Gcm", srtp_crypto_policy_set_aes_gcm_256_16_auth, srtp_crypto_policy_set_aes_gcm_256_16_auth, 44},
        {"AeadAes128Gcm", srtp_crypto_policy_set_aes_gcm_128_16_auth, srtp_crypto_policy_set_aes_gcm_128_16_auth, 28},
        {"AesCm128HmacSha1_80", set_cm_80, set_cm_80, 30},
        {"AesCm128HmacSha1_32", srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32, set_cm_80, 30},
    };
    const int sizes[] = {160, 1200};
    if (srtp_init() != srtp_err_status_ok) {
        fprintf(stderr, "srtp_init failed\n");
        return 1;
    }
    for (size_t p = 0; p < sizeof profiles / sizeof profiles[0]; p++) {
        for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
            unsigned char key[64];
            for (int i = 0; i < 64; i++) key[i] = (unsigned char)(rand() & 0xff);
            srtp_t tx = make_session(&profiles[p], key, 1);
            srtp_t rx = make_session(&profiles[p], key, 0);
            int plain_len = 12 + sizes[s];
            unsigned char plain[1400], buf[1500];
            memset(plain, 0, sizeof plain);
            plain[0] = 0x80;
            plain[1] = 111;
            plain[8] = 0x12; plain[9] = 0x34; plain[10] = 0x56; plain[11] = 0x78;
            for (int i = 12; i < plain_len; i++) plain[i] = (unsigned char)rand();
            uint16_t seq = 0;
            long done = 0;
            double start = 0, elapsed = 0;
            /* Warm up for a tenth of the time, then count whole batches until the time is up. */
            for (int phase = 0; phase < 2; phase++) {
                double limit = phase == 0 ? seconds / 10 : seconds;
                start = now_seconds();
                done = 0;
                do {
                    for (int b = 0; b < 1000; b++) {
                        memcpy(buf, plain, plain_len);
                        buf[2] = seq >> 8;
                        buf[3] = seq & 0xff;
                        seq++;
                        int len = plain_len;
                        if (srtp_protect(tx, buf, &len) != srtp_err_status_ok || srtp_unprotect(rx, buf, &len) != srtp_err_status_ok) {
                            fprintf(stderr, "protect/unprotect failed\n");
                            return 1;
                        }
                    }
                    done += 1000;
                    elapsed = now_seconds() - start;
                } while (elapsed < limit);
            }
            printf("%s %d %.0f\n", profiles[p].name, sizes[s], done / elapsed);
            srtp_dealloc(tx);
            srtp_dealloc(rx);
        }
    }
    return 0;
}
