// SHA256_Init/Update/Final are deprecated in OpenSSL 3 in favour of EVP, whose per-call fetch costs more than
// hashing a 10 KB report; they still dispatch to the SHA-NI/AVX2 code.
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <openssl/sha.h>
